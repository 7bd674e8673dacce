namespace Foerderworkflow.ChaosTests;

/// <summary>
/// One run of the chaos suite: the workflow store, the bus, the seed of every random choice (which failure comes when)
/// and the load. <c>FOERDERWORKFLOW_CHAOS_SEED</c> overrides the seed to replay or vary a run.
/// </summary>
public sealed record ChaosVariant(string Store, string Bus, int Seed, int Applications = 16, int Lanes = 8)
{
    public const string SeedVariable = "FOERDERWORKFLOW_CHAOS_SEED";

    public bool OnRabbitMq => Bus == "RabbitMQ";

    public bool OnPostgreSql => Store == "PostgreSql";

    /// <summary>HTTP calls one case takes: submission, formal review, routing, three votes, vote closing, decision.</summary>
    public const int CallsPerCase = 8;

    public static ChaosVariant Of(string store, string bus, int seed) =>
        new(store, bus, int.TryParse(Environment.GetEnvironmentVariable(SeedVariable), out var chosen) ? chosen : seed);

    public override string ToString() => $"{Store}/{Bus} seed {Seed}, {Applications} applications on {Lanes} lanes";
}
