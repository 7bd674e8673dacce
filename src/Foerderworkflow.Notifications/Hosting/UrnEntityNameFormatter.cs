using System.Reflection;
using MassTransit;

namespace Foerderworkflow.Notifications.Hosting;

/// <summary>
/// Names a contract's exchange after its <c>[MessageUrn]</c> (<c>foerderworkflow:SendEmail</c>), as the server does
/// (docs/messages.md): the worker binds to the exchange the server publishes to. Same rule as the server's
/// <c>ContractEntityNameFormatter</c>, which is internal to the server.
/// </summary>
internal sealed class UrnEntityNameFormatter(IEntityNameFormatter fallback) : IEntityNameFormatter
{
    private const string Prefix = "urn:message:";

    public string FormatEntityName<T>()
    {
        var urn = typeof(T).GetCustomAttribute<MessageUrnAttribute>()?.Urn.ToString();
        return urn is not null && urn.StartsWith(Prefix, StringComparison.Ordinal) ? urn[Prefix.Length..] : fallback.FormatEntityName<T>();
    }
}
