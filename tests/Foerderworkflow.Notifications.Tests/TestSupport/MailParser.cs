using System.Diagnostics;
using System.Text.Json;

namespace Foerderworkflow.Notifications.Tests.TestSupport;

/// <summary>Decodes a maildir (or a directory of <c>.eml</c> files) with Python's <c>email</c> package (read_maildir.py).</summary>
public static class MailParser
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<IReadOnlyList<ReceivedMail>> ReadMaildirAsync(string maildir, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(SmtpCatcher.Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "TestSupport", "read_maildir.py"));
        start.ArgumentList.Add(maildir);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("python did not start");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"read_maildir.py failed: {await error}");
        }

        return JsonSerializer.Deserialize<List<ReceivedMail>>(await output, Json) ?? [];
    }

    /// <summary>Reads <c>.eml</c> files by putting copies into a temporary maildir.</summary>
    public static async Task<IReadOnlyList<ReceivedMail>> ReadEmlFilesAsync(string directory, CancellationToken cancellationToken)
    {
        var maildir = Path.Combine(Path.GetTempPath(), "fw-eml-" + Guid.NewGuid().ToString("N"));
        foreach (var sub in new[] { "new", "cur", "tmp" })
        {
            Directory.CreateDirectory(Path.Combine(maildir, sub));
        }

        try
        {
            foreach (var file in Directory.GetFiles(directory, "*.eml"))
            {
                File.Copy(file, Path.Combine(maildir, "new", Path.GetFileNameWithoutExtension(file)));
            }

            return await ReadMaildirAsync(maildir, cancellationToken);
        }
        finally
        {
            Directory.Delete(maildir, recursive: true);
        }
    }
}
