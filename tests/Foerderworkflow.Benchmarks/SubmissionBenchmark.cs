using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace Foerderworkflow.Benchmarks;

/// <summary>
/// <c>submissions</c>: <c>POST /api/applications</c> against the real server process, from a number of concurrent
/// clients (16 by default) on keep-alive connections, beside the raw 1-row commit rate of the same database kind
/// measured right before and right after in the same run. Prints submissions/s, p50/p99 and the ratio to the raw rate;
/// afterwards waits for the receipts (embedded default: one <c>.eml</c> each) and says whether every submission got
/// exactly one.
/// </summary>
internal static class SubmissionBenchmark
{
    public static async Task RunAsync(string[] args)
    {
        var options = ApiBenchmarkOptions.Parse(args, defaultCount: 3_000);
        foreach (var target in options.Settings.Targets())
        {
            Console.WriteLine($"== Submissions, {target.Name}: {options.Count} applications, {options.Clients} concurrent clients");
            await using var server = await ServerUnderTest.StartAsync(target, budgetEuros: 100_000_000m, options.ServerDll);
            var token = await server.TokenAsync("traeger");
            var form = ApplicationForm.Json(ServerUnderTest.GermanToday());

            // Warm-up: the JIT's tiers, pools and caches, as on a server that has been running for a while.
            await SubmitAsync(server, token, form, options.Warmup, options.Clients);

            var rawBefore = await RawCommitsAsync(target, options.RawCommits);
            var cpuBefore = server.CpuTime();
            var run = await SubmitAsync(server, token, form, options.Count, options.Clients);
            var cpu = server.CpuTime() - cpuBefore;
            var rawAfter = await RawCommitsAsync(target, options.RawCommits);
            var raw = (rawBefore + rawAfter) / 2;

            Console.WriteLine($"raw 1-row commits (one connection):  {rawBefore:F0}/s before, {rawAfter:F0}/s after");
            Console.WriteLine($"submissions:                         {run.Rate:F0}/s, p50 {run.P50:F1} ms, p99 {run.P99:F1} ms, failed {run.Failed}");
            Console.WriteLine($"ratio to raw commits:                {run.Rate / raw:F3}");
            Console.WriteLine($"server CPU per submission:           {cpu.TotalMilliseconds / options.Count:F2} ms");
            var (resident, peak) = server.Memory();
            Console.WriteLine($"server memory:                       {resident:F0} MB resident, {peak:F0} MB peak");

            if (target.Provider == Engine.Persistence.WorkflowStoreProvider.Sqlite)
            {
                // Every submission sends its receipt once: the outbox delivers after the commit, so wait for it.
                var expected = options.Warmup + options.Count;
                var receipts = await WaitForMailsAsync(server, expected);
                Console.WriteLine($"receipts written:                    {receipts} of {expected}{(receipts == expected ? " (each once)" : " — MISMATCH")}");
            }

            Console.WriteLine();
        }
    }

    internal static async Task<RunFigures> SubmitAsync(ServerUnderTest server, string token, string form, int count, int clients)
    {
        var latencies = new double[count];
        var next = -1;
        var failed = 0;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var (status, _, ms) = await server.SendAsync(HttpMethod.Post, "api/applications", token, form);
                latencies[i] = ms;
                if (status != HttpStatusCode.Created)
                {
                    Interlocked.Increment(ref failed);
                }
            }
        })));
        watch.Stop();
        return new RunFigures(count / watch.Elapsed.TotalSeconds, Percentile(latencies, 0.50), Percentile(latencies, 0.99), failed);
    }

    internal static async Task<double> RawCommitsAsync(BenchmarkTarget target, int count)
    {
        await using var store = await BenchmarkStore.CreateAsync(target);
        await store.RawInsertsAsync(Math.Max(100, count / 10));
        var watch = Stopwatch.StartNew();
        await store.RawInsertsAsync(count);
        return count / watch.Elapsed.TotalSeconds;
    }

    internal static double Percentile(IReadOnlyList<double> values, double quantile)
    {
        if (values.Count == 0)
        {
            return 0;
        }

        var sorted = values.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(quantile * sorted.Length) - 1)];
    }

    private static async Task<int> WaitForMailsAsync(ServerUnderTest server, int expected)
    {
        // Polled: the benchmark observes a process from outside and has no signal to wait on.
        var deadline = Stopwatch.StartNew();
        var seen = server.MailsWritten();
        while (seen < expected && deadline.Elapsed < TimeSpan.FromMinutes(3))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250), TimeProvider.System);
            seen = server.MailsWritten();
        }

        return seen;
    }
}

internal sealed record RunFigures(double Rate, double P50, double P99, int Failed);

/// <summary>
/// Command line of the API modes: <c>--count N --clients N --warmup N --raw N --postgres "conn" --sqlite-only</c>, and
/// <c>--server path/Foerderworkflow.Server.dll</c> to measure another build (e.g. before a change) with the same client.
/// </summary>
internal sealed record ApiBenchmarkOptions(int Count, int Clients, int Warmup, int RawCommits, BenchmarkSettings Settings, string? ServerDll)
{
    public static ApiBenchmarkOptions Parse(string[] args, int defaultCount)
    {
        var count = defaultCount;
        var clients = 16;
        var warmup = -1;
        var raw = 2_000;
        string? server = null;
        var rest = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--count": count = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--clients": clients = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--warmup": warmup = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--raw": raw = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--server": server = Path.GetFullPath(args[++i]); break;
                default: rest.Add(args[i]); break;
            }
        }

        return new ApiBenchmarkOptions(count, clients, warmup < 0 ? Math.Max(200, count / 2) : warmup, raw, BenchmarkSettings.Parse([.. rest]), server);
    }
}

/// <summary>The application of the README's walk-through, starting today (German calendar) and ending five days later.</summary>
internal static class ApplicationForm
{
    public static string Json(DateOnly today) => $$"""
        {"fundId":"{{ServerUnderTest.Fund}}","budgetYear":{{today.Year}},
         "applicant":{"organisation":"Nachbarschaftsverein Herten-Süd e. V.","contactName":"Aylin Demir",
                      "email":"kontakt@nachbarschaft-herten.example","iban":"DE89 3704 0044 0532 0130 00"},
         "title":"Demokratiewerkstatt im Quartier","description":"Drei Abende zu Beteiligung im Stadtteil.",
         "fieldOfAction":"Demokratieförderung","targetGroups":["Jugendliche","Senioren"],"plannedParticipants":40,
         "period":{"start":"{{Date(today)}}","end":"{{Date(today.AddDays(5))}}"},
         "costPlan":{"lines":[{"description":"Honorar Moderation","amount":1300},{"description":"Raummiete","amount":200}],
                     "ownFunds":200,"thirdPartyFunds":0,"requestedAmount":1300} }
        """;

    public static string Date(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
