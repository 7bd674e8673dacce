using System.Text.Json;
using Foerderworkflow.Engine.Runtime;

namespace Foerderworkflow.Engine.Persistence;

/// <summary>The <c>state</c> column: <see cref="InstanceState"/> as System.Text.Json (camelCase).</summary>
internal static class InstanceStateJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Serialize(InstanceState state) => JsonSerializer.Serialize(state, Options);

    public static InstanceState Deserialize(string json) =>
        JsonSerializer.Deserialize<InstanceState>(json, Options) ?? throw new JsonException("The stored instance state is null.");
}
