using Foerderworkflow.Engine.Persistence;

namespace Foerderworkflow.Benchmarks;

/// <summary>Command line: <c>--instances N --workers N --postgres "conn" --sqlite-only</c>.</summary>
internal sealed record BenchmarkSettings(int Instances, int Workers, string? Postgres)
{
    public static BenchmarkSettings Parse(string[] args)
    {
        var instances = 2_000;
        var workers = 8;
        var postgres = Environment.GetEnvironmentVariable("FOERDERWORKFLOW_TEST_POSTGRES");
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--instances": instances = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
                case "--workers": workers = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
                case "--postgres": postgres = args[++i]; break;
                case "--sqlite-only": postgres = null; break;
                default: throw new ArgumentException($"Unknown argument '{args[i]}'.");
            }
        }

        return new BenchmarkSettings(instances, workers, postgres);
    }

    public IEnumerable<BenchmarkTarget> Targets()
    {
        yield return new BenchmarkTarget("SQLite (WAL, synchronous=FULL)", WorkflowStoreProvider.Sqlite, null);
        if (Postgres is not null)
        {
            yield return new BenchmarkTarget("PostgreSQL", WorkflowStoreProvider.PostgreSql, Postgres);
        }
        else
        {
            Console.WriteLine("(PostgreSQL skipped: set FOERDERWORKFLOW_TEST_POSTGRES or pass --postgres)");
        }
    }
}

internal sealed record BenchmarkTarget(string Name, WorkflowStoreProvider Provider, string? AdminConnectionString);
