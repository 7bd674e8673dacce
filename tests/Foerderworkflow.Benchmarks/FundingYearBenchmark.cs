using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;

namespace Foerderworkflow.Benchmarks;

/// <summary>
/// <c>funding-year</c>: N complete cases through the HTTP API of the real server process, each by every role as in the
/// README's walk-through — submission, formal review, routing to the committee's written procedure, three committee
/// answers (two votes, one declared conflict), closing the vote, the office's approval, grant acceptance, payout
/// request and its approval, project end, proof of use, its review (closed). Concurrent clients (16 by default) each
/// walk one case after another. Prints cases/s, p50/p99 per action, the server's memory and CPU per case, and the raw
/// 1-row commit rate of the same database kind measured in the same run.
/// </summary>
internal static class FundingYearBenchmark
{
    private static readonly string[] Users = ["traeger", "kuf", "amt", "ausschuss", "ausschuss2", "ausschuss3"];

    public static async Task RunAsync(string[] args)
    {
        var options = ApiBenchmarkOptions.Parse(args, defaultCount: 300);
        foreach (var target in options.Settings.Targets())
        {
            Console.WriteLine($"== Funding year, {target.Name}: {options.Count} complete cases, {options.Clients} concurrent clients");
            await using var server = await ServerUnderTest.StartAsync(target, budgetEuros: 100_000_000m, options.ServerDll);
            var tokens = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var user in Users)
            {
                tokens[user] = await server.TokenAsync(user);
            }

            var walk = new CaseWalk(server, tokens, ServerUnderTest.GermanToday());
            await walk.RunAsync(Math.Max(20, options.Warmup / 5), options.Clients);
            walk.Reset();

            var rawBefore = await SubmissionBenchmark.RawCommitsAsync(target, options.RawCommits);
            var cpuBefore = server.CpuTime();
            var watch = Stopwatch.StartNew();
            await walk.RunAsync(options.Count, options.Clients);
            watch.Stop();
            var cpu = server.CpuTime() - cpuBefore;
            var rawAfter = await SubmissionBenchmark.RawCommitsAsync(target, options.RawCommits);

            var cases = options.Count / watch.Elapsed.TotalSeconds;
            var actions = walk.Latencies.Values.Sum(l => l.Count) / watch.Elapsed.TotalSeconds;
            Console.WriteLine($"raw 1-row commits (one connection): {rawBefore:F0}/s before, {rawAfter:F0}/s after");
            Console.WriteLine($"complete cases:                     {cases:F1}/s ({actions:F0} actions/s), failed cases {walk.Failed}");
            Console.WriteLine($"actions per second / raw commits:   {actions / ((rawBefore + rawAfter) / 2):F3}");
            Console.WriteLine($"server CPU per case:                {cpu.TotalMilliseconds / options.Count:F1} ms");
            var (resident, peak) = server.Memory();
            Console.WriteLine($"server memory:                      {resident:F0} MB resident, {peak:F0} MB peak");
            Console.WriteLine($"{"action",-22} {"n",6} {"p50 ms",8} {"p99 ms",8}");
            foreach (var step in CaseWalk.Steps)
            {
                if (walk.Latencies.TryGetValue(step, out var list))
                {
                    var values = list.ToArray();
                    Console.WriteLine($"{step,-22} {values.Length,6} {SubmissionBenchmark.Percentile(values, 0.5),8:F1} {SubmissionBenchmark.Percentile(values, 0.99),8:F1}");
                }
            }

            foreach (var failure in walk.Failures.Take(5))
            {
                Console.WriteLine($"  failure: {failure}");
            }

            Console.WriteLine();
        }
    }

    /// <summary>Walks cases from submission to closing and records how long each action took.</summary>
    private sealed class CaseWalk(ServerUnderTest server, IReadOnlyDictionary<string, string> tokens, DateOnly today)
    {
        public static readonly string[] Steps =
        [
            "submission", "formal-review", "routing", "vote", "conflict", "vote-closing", "decision",
            "grant-acceptance", "payout-request", "payout-approval", "project-end", "proof-of-use", "proof-of-use-review",
        ];

        private readonly string form = ApplicationForm.Json(today);
        private readonly string closingAt = new DateTimeOffset(today.AddDays(7).ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero).ToString("O", CultureInfo.InvariantCulture);
        private int failed;

        public ConcurrentDictionary<string, ConcurrentBag<double>> Latencies { get; private set; } = new(StringComparer.Ordinal);

        public ConcurrentQueue<string> Failures { get; private set; } = new();

        public int Failed => failed;

        public void Reset()
        {
            Latencies = new(StringComparer.Ordinal);
            Failures = new();
            failed = 0;
        }

        public async Task RunAsync(int cases, int clients)
        {
            var next = -1;
            await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
            {
                while (Interlocked.Increment(ref next) < cases)
                {
                    try
                    {
                        await OneCaseAsync();
                    }
                    catch (InvalidOperationException ex)
                    {
                        Interlocked.Increment(ref failed);
                        Failures.Enqueue(ex.Message);
                    }
                }
            })));
        }

        private async Task OneCaseAsync()
        {
            var submitted = await StepAsync("submission", "traeger", "api/applications", form, HttpStatusCode.Created);
            var id = submitted["applicationId"]!.GetValue<string>();
            var app = $"api/applications/{id}";
            await StepAsync("formal-review", "kuf", $"{app}/formal-review", """{"outcome":"ToDecision"}""");
            await StepAsync("routing", "kuf", $"{app}/routing", $$"""{"procedure":"WrittenProcedure","closingAt":"{{closingAt}}"}""");
            await StepAsync("vote", "ausschuss", $"{app}/votes", """{"choice":"For"}""");
            await StepAsync("vote", "ausschuss2", $"{app}/votes", """{"choice":"For"}""");
            await StepAsync("conflict", "ausschuss3", $"{app}/conflicts", """{"reason":"Vorstand im antragstellenden Verein"}""");
            await StepAsync("vote-closing", "kuf", $"{app}/vote-closing", "{}");
            await StepAsync("decision", "amt", $"{app}/decision", """{"outcome":"Approve","amount":1300}""");
            await StepAsync("grant-acceptance", "traeger", $"{app}/grant-acceptance", """{"outcome":"AppealWaived","signedBy":"Aylin Demir"}""");
            var requested = await StepAsync("payout-request", "traeger", $"{app}/payout-requests",
                $$"""{"amount":1300,"expenditures":[{"dueOn":"{{ApplicationForm.Date(today.AddDays(5))}}","amount":1300,"description":"Honorar und Raummiete"}]}""");
            var approval = requested["nextStep"]?["tasks"]?[0]?["action"]?.GetValue<string>()
                ?? throw new InvalidOperationException($"{id}: the payout request names no approval action.");
            await StepAsync("payout-approval", "amt", approval, """{"outcome":"Ordered"}""");
            await StepAsync("project-end", "traeger", $"{app}/project-end", $$"""{"endedOn":"{{ApplicationForm.Date(today)}}"}""");
            await StepAsync("proof-of-use", "traeger", $"{app}/proof-of-use", """{"spentAmount":1300,"report":"Drei Abende mit 46 Teilnehmenden."}""");
            var closed = await StepAsync("proof-of-use-review", "amt", $"{app}/proof-of-use-review", """{"outcome":"Accepted"}""");
            if (closed["status"]?.GetValue<string>() != "Closed")
            {
                throw new InvalidOperationException($"{id}: status {closed["status"]} after the proof-of-use review, not Closed.");
            }
        }

        private async Task<JsonObject> StepAsync(string step, string user, string path, string body, HttpStatusCode expected = HttpStatusCode.OK)
        {
            var (status, answer, ms) = await server.SendAsync(HttpMethod.Post, path, tokens[user], body);
            Latencies.GetOrAdd(step, _ => []).Add(ms);
            return status == expected && answer is not null
                ? answer
                : throw new InvalidOperationException($"{step} by {user}: {(int)status} {answer?["detail"] ?? answer?.ToJsonString()}");
        }
    }
}
