using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Foerderworkflow.Engine.Persistence;
using Foerderworkflow.Funding.Amounts;
using Foerderworkflow.Funding.Funds;
using Foerderworkflow.Funding.Persistence;
using Foerderworkflow.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Foerderworkflow.Benchmarks;

/// <summary>
/// The real server (<c>dotnet Foerderworkflow.Server.dll</c>, the build output of the server project) as a process of
/// its own on a fresh database, configured only by environment variables as an operator would: the embedded default
/// (SQLite file, in-memory bus, e-mails as files, workers in the process) or the PostgreSQL store. The HTTP clients of
/// the benchmark talk to it over loopback with keep-alive connections, as a browser or a portal would.
/// </summary>
internal sealed class ServerUnderTest : IAsyncDisposable
{
    /// <summary>The demo fund the walk-through of the README uses; its budget is raised before the start (see <see cref="StartAsync"/>).</summary>
    public const string Fund = "herten-aif";

    private readonly Process process;
    private readonly string folder;
    private readonly Action cleanup;
    private readonly Queue<string> lastLines = new();

    private ServerUnderTest(Process process, Uri address, string folder, Action cleanup)
    {
        this.process = process;
        this.folder = folder;
        this.cleanup = cleanup;
        Http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) })
        {
            BaseAddress = address,
            Timeout = TimeSpan.FromMinutes(2),
        };
    }

    public HttpClient Http { get; }

    /// <summary>Where the embedded default writes its e-mails (one <c>.eml</c> per sent message).</summary>
    public string MailFolder => Path.Combine(folder, "mail");

    /// <summary>
    /// Starts the server on a fresh database of <paramref name="target"/> and waits until it is ready. The budget of the
    /// demo fund is set to <paramref name="budgetEuros"/> for this year first, through the funding store on the same
    /// database (the server's seeding leaves an existing fund alone), so that a benchmark of many cases is not refused
    /// by the budget gate. <paramref name="serverDll"/>: another build of the server (default: this configuration's).
    /// </summary>
    public static async Task<ServerUnderTest> StartAsync(BenchmarkTarget target, decimal budgetEuros, string? serverDll = null)
    {
        var folder = Directory.CreateTempSubdirectory("fw-bench-server-").FullName;
        string connectionString;
        Action dropDatabase = () => { };
        if (target.Provider == WorkflowStoreProvider.Sqlite)
        {
            connectionString = $"Data Source={Path.Combine(folder, "foerderworkflow.db")}";
        }
        else
        {
            var database = $"fw_bench_server_{Guid.NewGuid():N}";
            await ExecuteAsync(target.AdminConnectionString!, $"CREATE DATABASE {database}");
            connectionString = new NpgsqlConnectionStringBuilder(target.AdminConnectionString) { Database = database }.ConnectionString;
            dropDatabase = () =>
            {
                NpgsqlConnection.ClearAllPools();
                ExecuteAsync(target.AdminConnectionString!, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)").GetAwaiter().GetResult();
            };
        }

        await PrepareFundAsync(target.Provider, connectionString, budgetEuros);

        var port = LoopbackPort.Free();
        var dll = serverDll ?? ChildProcess.BuiltDll("Foerderworkflow.Server");
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var environment = start.Environment;
        environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        environment["Urls"] = $"http://127.0.0.1:{port}";
        environment["Workflow__Store"] = target.Provider == WorkflowStoreProvider.Sqlite ? "Sqlite" : "PostgreSql";
        environment["ConnectionStrings__Workflow"] = connectionString;
        environment["Notifications__PickupDirectory"] = Path.Combine(folder, "mail");
        environment["Notifications__ProcessedMessagesConnectionString"] = $"Data Source={Path.Combine(folder, "notifications.db")}";
        environment["Accounting__ConnectionString"] = $"Data Source={Path.Combine(folder, "accounting.db")}";
        environment["Messaging__DeadLettersConnectionString"] = $"Data Source={Path.Combine(folder, "dead-letters.db")}";
        environment["Messaging__ProcessedMessagesConnectionString"] = $"Data Source={Path.Combine(folder, "processed-messages.db")}";

        // The benchmark's clients share a few demo accounts; the per-client request limit (1,000 a minute by default)
        // would otherwise measure the limiter. A setting, as an operator behind a portal would set it.
        environment["RateLimiting__Global__PermitLimit"] = "100000000";

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var server = new ServerUnderTest(process, new Uri($"http://127.0.0.1:{port}/"), folder, () =>
        {
            SqliteConnection.ClearAllPools();
            dropDatabase();
            Directory.Delete(folder, recursive: true);
        });
        process.OutputDataReceived += (_, e) => server.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => server.Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var ready = Stopwatch.StartNew();
        while (!await server.IsReadyAsync())
        {
            if (process.HasExited || ready.Elapsed > TimeSpan.FromMinutes(2))
            {
                var output = server.Output;
                await server.DisposeAsync();
                throw new InvalidOperationException($"The server did not become ready:\n{output}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), TimeProvider.System);
        }

        return server;
    }

    /// <summary>A bearer token of a seeded demo user (password = user name).</summary>
    public async Task<string> TokenAsync(string user)
    {
        using var response = await Http.PostAsJsonAsync("api/dev/token", new { userName = user, password = user });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        return body?["accessToken"]?.GetValue<string>() ?? throw new InvalidOperationException("No access token in the answer.");
    }

    /// <summary>Sends <paramref name="body"/> (JSON) as <paramref name="token"/>'s user; returns status, answer and the time it took.</summary>
    public async Task<(HttpStatusCode Status, JsonObject? Body, double Milliseconds)> SendAsync(HttpMethod method, string path, string token, string? body = null)
    {
        using var request = new HttpRequestMessage(method, path.TrimStart('/'));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
        {
            request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        }

        var started = Stopwatch.GetTimestamp();
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        return (response.StatusCode, text.Length > 0 && text[0] == '{' ? JsonNode.Parse(text) as JsonObject : null, elapsed);
    }

    /// <summary>The server's resident memory now and its peak so far, in MB (from /proc; 0 where unavailable).</summary>
    public (double Resident, double Peak) Memory()
    {
        var status = $"/proc/{process.Id}/status";
        if (!File.Exists(status))
        {
            return (0, 0);
        }

        double Read(string key) => File.ReadLines(status).FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal)) is { } line
            ? double.Parse(line[key.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024
            : 0;
        return (Read("VmRSS:"), Read("VmHWM:"));
    }

    /// <summary>CPU time the server process has used so far (user + system).</summary>
    public TimeSpan CpuTime()
    {
        process.Refresh();
        return process.TotalProcessorTime;
    }

    /// <summary>Counts the e-mails the embedded default has written so far.</summary>
    public int MailsWritten() => Directory.Exists(MailFolder) ? Directory.EnumerateFiles(MailFolder, "*.eml").Count() : 0;

    public string Output
    {
        get
        {
            lock (lastLines)
            {
                return string.Join('\n', lastLines);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        cleanup();
    }

    private async Task<bool> IsReadyAsync()
    {
        try
        {
            using var response = await Http.GetAsync("health/ready");
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (lastLines)
        {
            lastLines.Enqueue(line);
            if (lastLines.Count > 200)
            {
                lastLines.Dequeue();
            }
        }
    }

    private static async Task PrepareFundAsync(WorkflowStoreProvider provider, string connectionString, decimal budgetEuros)
    {
        await using var services = new ServiceCollection()
            .AddWorkflowStore(new WorkflowStoreOptions { Provider = provider, ConnectionString = connectionString })
            .AddFundingStore()
            .BuildServiceProvider();
        await services.MigrateWorkflowStoreAsync();
        await services.MigrateFundingStoreAsync();
        var year = GermanToday().Year;
        var fund = DemoFunds.ActionFund(year);
        await services.GetRequiredService<FundingStore>().SaveFundAsync(
            fund with { Budgets = [new FundBudget(year, Money.FromEuros(budgetEuros)), new FundBudget(year + 1, Money.FromEuros(budgetEuros))] },
            CancellationToken.None);
    }

    /// <summary>Today in Germany: the server reckons days and budget years in German time.</summary>
    public static DateOnly GermanToday() =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(TimeProvider.System.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")).DateTime);

    private static async Task ExecuteAsync(string adminConnectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
