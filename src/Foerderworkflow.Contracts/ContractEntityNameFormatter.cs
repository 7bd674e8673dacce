using System.Reflection;
using MassTransit;

namespace Foerderworkflow.Contracts;

/// <summary>
/// Names the exchange of a message pinned with <see cref="MessageUrnAttribute"/> after its URN without the
/// <c>urn:message:</c> prefix, e.g. <c>foerderworkflow:ApplicationApproved</c>: the exchange stays put when a
/// contract's namespace changes, exactly like its message type. Other messages keep MassTransit's convention.
/// Every publisher and subscriber of these contracts uses it, so they agree on the exchanges (docs/messages.md).
/// </summary>
public sealed class ContractEntityNameFormatter(IEntityNameFormatter fallback) : IEntityNameFormatter
{
    private const string Prefix = "urn:message:";

    public string FormatEntityName<T>()
    {
        var urn = typeof(T).GetCustomAttribute<MessageUrnAttribute>()?.Urn.ToString();
        return urn is not null && urn.StartsWith(Prefix, StringComparison.Ordinal) ? urn[Prefix.Length..] : fallback.FormatEntityName<T>();
    }
}
