namespace Foerderworkflow.Server.ProcessTests;

/// <summary>
/// The real server process refuses unsafe settings outside Development: it exits with code 1 and one critical log
/// line that names the setting, not a stack trace; nothing waits on time but the process's own exit.
/// </summary>
public sealed class UnsafeStartTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private readonly string folder = Directory.CreateTempSubdirectory("fw-unsafe-").FullName;

    [Theory]
    [InlineData("Production")]
    [InlineData(null)] // no ASPNETCORE_ENVIRONMENT at all: ASP.NET Core's default is Production
    public async Task Server_DevelopmentTokensOutsideDevelopment_ExitsNamingTheSetting(string? environment)
    {
        var settings = new Dictionary<string, string> { ["Auth__EnableDevelopmentTokens"] = "true" };
        if (environment is not null)
        {
            settings["ASPNETCORE_ENVIRONMENT"] = environment;
        }

        var (exitCode, output) = await ServerProcess.RunUntilExitAsync(settings, folder, Patience);

        Assert.Equal(1, exitCode);
        Assert.Contains("Auth__EnableDevelopmentTokens", output);
        Assert.DoesNotContain("Unhandled exception", output);
        Assert.False(File.Exists(Path.Combine(folder, "workflow.db")), "refused before the database was touched");
    }

    [Fact]
    public async Task Server_SigningKeyTooShort_ExitsNamingTheSetting()
    {
        var settings = new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Development", ["Auth__SigningKey"] = "c2hvcnQ=" };

        var (exitCode, output) = await ServerProcess.RunUntilExitAsync(settings, folder, Patience);

        Assert.Equal(1, exitCode);
        Assert.Contains("Auth__SigningKey has 5 bytes", output);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
