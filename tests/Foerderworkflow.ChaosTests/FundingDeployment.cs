using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Foerderworkflow.Testing;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Foerderworkflow.ChaosTests;

/// <summary>
/// The system under chaos, each part a real process configured as in production (README, configuration table): the
/// server (<c>dotnet Foerderworkflow.Server.dll</c>) on a SQLite file or a fresh PostgreSQL database; on RabbitMQ also
/// the notification worker (sending to aiosmtpd) and the accounting worker as their own processes, and a RabbitMQ node
/// of the test's own that may be stopped without disturbing the shared broker. On the in-memory bus the server hosts
/// both workers and writes <c>.eml</c> files. Every part keeps its port and its data across kills and restarts.
/// </summary>
public sealed class FundingDeployment : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    // A fixed key, so the bearer tokens the clients hold stay valid across server restarts (the default is random per process).
    private static readonly string SigningKey = Convert.ToBase64String("chaos-suite-signing-key-32-bytes"u8);
    private static readonly HttpClient Probe = new() { Timeout = TimeSpan.FromSeconds(5) };

    private readonly string directory = Directory.CreateTempSubdirectory("fw-chaos-").FullName;
    private readonly List<ChildProcess> processes = [];
    private TestDatabase? database;
    private PrivateRabbitMqNode? node;
    private int smtpPort;

    private FundingDeployment(ChaosVariant variant) => Variant = variant;

    public ChaosVariant Variant { get; }

    public Uri Address { get; private set; } = null!;

    public ChildProcess Server { get; private set; } = null!;

    public ChildProcess? Notifications { get; private set; }

    public ChildProcess? Accounting { get; private set; }

    public ChildProcess? Smtp { get; private set; }

    public int BrokerRestarts { get; private set; }

    public int SmtpRestarts { get; private set; }

    /// <summary>SIGKILLs of the server and of the workers so far.</summary>
    public int Kills => processes.Where(p => p != Smtp).Sum(p => p.Kills);

    /// <summary>Where the e-mails end up: the pickup folder of the server (in-memory bus) or aiosmtpd's maildir.</summary>
    public IReadOnlyList<string> MailFolders => Variant.OnRabbitMq ? [Path.Combine(directory, "maildir", "new")] : [Path.Combine(directory, "mail")];

    private string WorkflowConnectionString => database?.ConnectionString ?? $"Data Source={Path.Combine(directory, "workflow.db")}";

    private string LedgerConnectionString => database?.ConnectionString ?? $"Data Source={Path.Combine(directory, "accounting.db")}";

    public static async Task<FundingDeployment> StartAsync(ChaosVariant variant)
    {
        var deployment = new FundingDeployment(variant);
        try
        {
            await deployment.StartAllAsync();
            return deployment;
        }
        catch
        {
            await deployment.DisposeAsync();
            throw;
        }
    }

    /// <summary>kill -9 of the server, started again at once; returns when it answers <c>/health/ready</c>.</summary>
    public async Task KillServerAsync()
    {
        await Server.KillAsync();
        Server.Start();
        await WaitUntilServerReadyAsync();
    }

    /// <summary>kill -9 of a worker, started again at once (it has no endpoint; it shows its health only by working).</summary>
    public static async Task KillWorkerAsync(ChildProcess worker)
    {
        await worker.KillAsync();
        worker.Start();
    }

    /// <summary>
    /// SIGKILL of the broker's Erlang VM: instant (a polite stop takes half a minute on a busy machine, long enough for
    /// the whole load to pass by) and harsher; what it confirmed is on disk, which is what the suite relies on.
    /// </summary>
    public Task KillBrokerAsync() => node!.KillAsync();

    public async Task StartBrokerAsync()
    {
        await node!.StartAsync();
        BrokerRestarts++;
    }

    public Task StopSmtpAsync() => Smtp!.KillAsync();

    public async Task StartSmtpAsync()
    {
        Smtp!.Start();
        await Poll.UntilAsync(() => Task.FromResult(Accepts(smtpPort)), Patience, $"aiosmtpd listening on {smtpPort}");
        SmtpRestarts++;
    }

    /// <summary>Outbox rows of the workflow store the relay has not yet handed to the bus.</summary>
    public Task<long> UnsentOutboxRowsAsync() => ScalarAsync(WorkflowConnectionString, "SELECT count(*) FROM workflow_outbox WHERE sent_at IS NULL");

    /// <summary>The accounting ledger's commitments (bookings of approvals) per application.</summary>
    public async Task<IReadOnlyDictionary<string, int>> CommitmentsAsync()
    {
        const string sql = "SELECT application_id, count(*) FROM ledger_bookings WHERE kind = 'Commitment' GROUP BY application_id";
        var result = new Dictionary<string, int>();
        if (database is null)
        {
            var file = Path.Combine(directory, "accounting.db");
            if (!File.Exists(file))
            {
                return result;
            }

            await using var sqlite = new SqliteConnection($"Data Source={file};Mode=ReadOnly");
            await sqlite.OpenAsync();
            if (await CountTablesAsync(sqlite, "SELECT count(*) FROM sqlite_master WHERE name = 'ledger_bookings'") == 0)
            {
                return result;
            }

            await using var command = sqlite.CreateCommand();
            command.CommandText = sql;
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                result[reader.GetString(0)] = reader.GetInt32(1);
            }

            return result;
        }

        await using var postgres = new NpgsqlConnection(database.ConnectionString);
        await postgres.OpenAsync();
        if (await CountTablesAsync(postgres, "SELECT count(*) FROM information_schema.tables WHERE table_name = 'ledger_bookings'") == 0)
        {
            return result;
        }

        await using (var command = postgres.CreateCommand())
        {
            command.CommandText = sql;
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                result[reader.GetString(0)] = (int)reader.GetInt64(1);
            }
        }

        return result;
    }

    /// <summary>The last lines of every process's output, for a failure message.</summary>
    public string Diagnostics() => string.Join("\n", processes.Select(p => $"===== {p.Name} =====\n{Tail(p.Output, 60)}"));

    public async ValueTask DisposeAsync()
    {
        foreach (var process in processes)
        {
            await process.DisposeAsync();
        }

        if (node is not null)
        {
            await node.DisposeAsync();
        }

        if (database is not null)
        {
            await database.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A file may still be held for a moment by a process that just died; the folder is in the temp area.
        }
    }

    private async Task StartAllAsync()
    {
        if (Variant.OnPostgreSql)
        {
            database = await TestPostgres.CreateDatabaseAsync("fw_chaos_");
        }

        var bus = new Dictionary<string, string?> { ["Messaging__Transport"] = Variant.Bus, ["Logging__LogLevel__Default"] = "Warning" };
        if (Variant.OnRabbitMq)
        {
            node = await PrivateRabbitMqNode.StartNewAsync();
            bus["Messaging__RabbitMq__Host"] = "127.0.0.1";
            bus["Messaging__RabbitMq__Port"] = node.AmqpPort.ToString(CultureInfo.InvariantCulture);
            bus["Messaging__RabbitMq__VirtualHost"] = "/";
            bus["Messaging__RabbitMq__Username"] = "guest";
            bus["Messaging__RabbitMq__Password"] = "guest";
            // Short waits for a confirm, so a publish into a dying connection is retried soon.
            bus["Messaging__PublishTimeout"] = "00:00:03";
        }

        var ledger = new Dictionary<string, string?>
        {
            ["Accounting__Store"] = Variant.OnPostgreSql ? "PostgreSql" : "Sqlite",
            ["Accounting__ConnectionString"] = LedgerConnectionString,
            ["Accounting__PublishTimeout"] = "00:00:03",
            ["Accounting__HealthFile"] = Path.Combine(directory, "accounting.healthy"),
        };

        var port = LoopbackPort.Free();
        Address = new Uri($"http://127.0.0.1:{port}/");
        var server = new Dictionary<string, string?>(bus)
        {
            // dotnet Foerderworkflow.Server.dll runs as Production, which may refuse development tokens; the suite signs in with them.
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Auth__EnableDevelopmentTokens"] = "true",
            ["Auth__SigningKey"] = SigningKey,
            ["Urls"] = $"http://127.0.0.1:{port}",
            ["Workflow__Store"] = Variant.Store,
            ["ConnectionStrings__Workflow"] = WorkflowConnectionString,
            ["Messaging__ProcessedMessagesConnectionString"] = $"Data Source={Path.Combine(directory, "processed-messages.db")}",
            ["Messaging__DeadLettersConnectionString"] = $"Data Source={Path.Combine(directory, "dead-letters.db")}",
            ["Notifications__Transport"] = "Pickup",
            ["Notifications__PickupDirectory"] = Path.Combine(directory, "mail"),
            ["Notifications__ProcessedMessagesConnectionString"] = $"Data Source={Path.Combine(directory, "notifications.db")}",
        };
        foreach (var (key, value) in ledger)
        {
            server[key] = value;
        }

        if (Variant.OnRabbitMq)
        {
            smtpPort = LoopbackPort.Free();
            Smtp = Track(new ChildProcess("aiosmtpd", "/usr/bin/python3",
                ["-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{smtpPort}", "-c", "aiosmtpd.handlers.Mailbox", Path.Combine(directory, "maildir")],
                new Dictionary<string, string?>()));
            await StartSmtpAsync();
            SmtpRestarts = 0;

            Notifications = Track(ChildProcess.BuiltProgram("Foerderworkflow.Notifications", new Dictionary<string, string?>(bus)
            {
                ["Notifications__Transport"] = "Smtp",
                ["Notifications__Smtp__Host"] = "127.0.0.1",
                ["Notifications__Smtp__Port"] = smtpPort.ToString(CultureInfo.InvariantCulture),
                // Quick retries, so an SMTP outage of a few seconds is bridged within the run, not after minutes.
                ["Notifications__Smtp__AttemptTimeout"] = "00:00:05",
                ["Notifications__Smtp__RetryBaseDelay"] = "00:00:00.100",
                ["Notifications__Smtp__RetryMaxDelay"] = "00:00:00.500",
                ["Notifications__Smtp__BreakDuration"] = "00:00:00.500",
                ["Notifications__Smtp__BreakerSamplingDuration"] = "00:00:02",
                ["Notifications__Retry__Limit"] = "100",
                ["Notifications__Retry__MinInterval"] = "00:00:00.200",
                ["Notifications__Retry__MaxInterval"] = "00:00:01",
                ["Notifications__Retry__IntervalDelta"] = "00:00:00.200",
                ["Notifications__ProcessedMessagesConnectionString"] = $"Data Source={Path.Combine(directory, "notifications-worker.db")}",
                ["Notifications__HealthFile"] = Path.Combine(directory, "notifications.healthy"),
            }));
            var accounting = new Dictionary<string, string?>(bus);
            foreach (var (key, value) in ledger)
            {
                accounting[key] = value;
            }

            Accounting = Track(ChildProcess.BuiltProgram("Foerderworkflow.Accounting", accounting));
        }

        if (Notifications is not null && Accounting is not null)
        {
            // The workers first, until their bus is healthy (their health file appears): a worker declares its queue and
            // its bindings when it connects, and RabbitMQ drops what is published to an exchange without a bound queue
            // (confirmed all the same), so approvals published before the very first worker start would be lost.
            Notifications.Start();
            Accounting.Start();
            foreach (var (worker, file) in new[] { (Notifications, "notifications.healthy"), (Accounting, "accounting.healthy") })
            {
                await Poll.UntilAsync(() => Task.FromResult(!worker.IsRunning || File.Exists(Path.Combine(directory, file))), Patience, $"{worker.Name} to be healthy");
                if (!worker.IsRunning)
                {
                    throw new InvalidOperationException($"{worker.Name} exited during start-up:\n{Tail(worker.Output, 80)}");
                }
            }
        }

        Server = Track(ChildProcess.BuiltProgram("Foerderworkflow.Server", server));
        Server.Start();
        await WaitUntilServerReadyAsync();
    }

    /// <summary>The broker's queues with their messages, or nothing on the in-memory bus.</summary>
    public async Task<string> QueuesAsync() => node is null ? "" : await node.ListQueuesAsync();

    private ChildProcess Track(ChildProcess process)
    {
        processes.Add(process);
        return process;
    }

    /// <summary>Times the server process ended by itself while starting and was started again, as a supervisor would.</summary>
    public int ServerStartupExits { get; private set; }

    /// <summary>
    /// Waits until the server answers ready. A server that exits by itself while starting is started again, as a
    /// supervisor (systemd, Docker's restart policy) does; seen once on a heavily loaded machine (the host's start was
    /// cancelled while the broker was away). It is counted and printed, and more than two such exits fail the run.
    /// </summary>
    private async Task WaitUntilServerReadyAsync()
    {
        while (true)
        {
            await Poll.UntilAsync(async () => !Server.IsRunning || await IsReadyAsync(), Patience, "the server to be ready");
            if (Server.IsRunning)
            {
                return;
            }

            if (++ServerStartupExits > 2)
            {
                throw new InvalidOperationException($"The server exited during start-up {ServerStartupExits} times:\n{Tail(Server.Output, 80)}");
            }

            Server.Start();
        }
    }

    private async Task<bool> IsReadyAsync()
    {
        try
        {
            using var response = await Probe.GetAsync(new Uri(Address, "health/ready"));
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException)
        {
            return false;
        }
    }

    private async Task<long> ScalarAsync(string connectionString, string sql)
    {
        if (database is null)
        {
            await using var sqlite = new SqliteConnection(connectionString + ";Mode=ReadOnly");
            await sqlite.OpenAsync();
            await using var command = sqlite.CreateCommand();
            command.CommandText = sql;
            return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        }

        await using var postgres = new NpgsqlConnection(connectionString);
        await postgres.OpenAsync();
        await using var pgCommand = postgres.CreateCommand();
        pgCommand.CommandText = sql;
        return Convert.ToInt64(await pgCommand.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static async Task<long> CountTablesAsync(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static bool Accepts(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static string Tail(string text, int lines) => string.Join('\n', text.Split('\n').TakeLast(lines));
}
