using Foerderworkflow.Benchmarks;

if (args is ["timers", ..])
{
    // Timer mode (TimerBenchmark.cs): pending timers, memory, fire rate and lateness beside Quartz's raw rate.
    await TimerBenchmark.RunAsync(args[1..]);
    return;
}

if (args is ["portal", ..])
{
    // Portal mode (PortalBenchmark.cs): render time p50/p95 of the inbox and a status page beside a trivial page.
    await PortalBenchmark.RunAsync(args);
    return;
}

if (args is ["submissions", ..])
{
    // POST /api/applications against the real server process (SubmissionBenchmark.cs).
    await SubmissionBenchmark.RunAsync(args);
    return;
}

if (args is ["funding-year", ..])
{
    // Complete cases through the HTTP API by every role (FundingYearBenchmark.cs).
    await FundingYearBenchmark.RunAsync(args);
    return;
}

// Measures the engine against the raw commit rate of the same database, in one run (see README.md beside this file).
// --messaging measures approval → finance subscriber over RabbitMQ instead (MessagingBenchmark.cs).
if (args.Contains("--messaging"))
{
    await MessagingBenchmark.RunAsync(args);
    return;
}

var settings = BenchmarkSettings.Parse(args);
var report = new List<StoreFigures>();
foreach (var target in settings.Targets())
{
    Console.WriteLine($"== {target.Name}");
    await using var store = await BenchmarkStore.CreateAsync(target);
    var figures = await new EngineBenchmark(store, settings).RunAsync();
    figures.Print(Console.Out);
    report.Add(figures);
}

StoreFigures.PrintSummary(Console.Out, report);
