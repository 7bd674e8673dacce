using System.Diagnostics;
using System.Text.Json;

namespace Foerderworkflow.ChaosTests;

/// <summary>One file where e-mails land (a maildir entry or a pickup <c>.eml</c>), with the headers the suite counts by.</summary>
public sealed record MailFile(string File, long Size, string Subject, string MessageId, string ApplicationId)
{
    public bool IsReceipt => Subject.StartsWith("Eingangsbestätigung", StringComparison.Ordinal);

    public bool IsApproval => Subject.StartsWith("Bewilligung", StringComparison.Ordinal);
}

/// <summary>Reads the mail folders with mail_index.py: Python's parser decodes the RFC 2047 subject independently of ours.</summary>
public static class MailIndex
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<IReadOnlyList<MailFile>> ReadAsync(IReadOnlyList<string> folders)
    {
        var start = new ProcessStartInfo("/usr/bin/python3")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "mail_index.py"));
        foreach (var folder in folders)
        {
            start.ArgumentList.Add(folder);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("python did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0
            ? JsonSerializer.Deserialize<List<MailFile>>(await output, Json) ?? []
            : throw new InvalidOperationException($"mail_index.py failed: {await error}");
    }
}
