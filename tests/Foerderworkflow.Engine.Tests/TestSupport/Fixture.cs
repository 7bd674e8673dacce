using System.Text.Json.Nodes;

namespace Foerderworkflow.Engine.Tests.TestSupport;

/// <summary>Files under <c>Fixtures/</c>, copied next to the test assembly.</summary>
public static class Fixture
{
    public static string Read(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));

    public static JsonObject ReadObject(string name) => (JsonObject)JsonNode.Parse(Read(name))!;
}
