// Resume commits of the workflow store against the raw baseline (one single-row INSERT per transaction), measured
// in the same run on the same database kind, because absolute numbers drift on shared machines.
//
//   dotnet run -c Release --project tests/Foerderworkflow.Engine.Persistence.Benchmarks -- [sqlite|postgresql] [count] [rounds] [sqlite synchronous]
//
// PostgreSQL uses a temporary database on the server named by FOERDERWORKFLOW_TEST_POSTGRES.
using System.Globalization;
using Foerderworkflow.Engine.Persistence;
using Foerderworkflow.Engine.Persistence.Benchmarks;

var provider = args.Length > 0 ? WorkflowStoreOptions.ParseProvider(args[0]) : WorkflowStoreProvider.Sqlite;
var count = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2000;
var rounds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5;
var synchronous = args.Length > 3 ? Enum.Parse<SqliteSynchronousMode>(args[3], ignoreCase: true) : SqliteSynchronousMode.Full;

await using var target = await BenchmarkTarget.CreateAsync(provider, synchronous);
Console.WriteLine($"{provider}{(provider == WorkflowStoreProvider.Sqlite ? $" synchronous={synchronous}" : string.Empty)}, {count} operations, median of {rounds} rounds");

var results = new Dictionary<string, List<double>>(StringComparer.Ordinal);
for (var round = 0; round < rounds; round++)
{
    Record("raw 1-row insert commits", await target.RawInsertsAsync(count));
    Record("store resume commits, 1 writer", await target.ResumeCommitsAsync(count, writers: 1));
    Record("store resume commits, 8 writers", await target.ResumeCommitsAsync(count, writers: 8));
    Record("runtime resumes, 1 caller", await target.RuntimeResumesAsync(count / 2, callers: 1));
    Record("runtime resumes, 8 callers", await target.RuntimeResumesAsync(count / 2, callers: 8));
}

var baseline = Median(results["raw 1-row insert commits"]);
foreach (var (name, values) in results)
{
    var median = Median(values);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-34} {median,9:F0}/s   ratio to raw {median / baseline:F2}"));
}

void Record(string name, double perSecond)
{
    if (!results.TryGetValue(name, out var values))
    {
        results[name] = values = [];
    }

    values.Add(perSecond);
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}
