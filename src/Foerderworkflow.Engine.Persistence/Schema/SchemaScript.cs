namespace Foerderworkflow.Engine.Persistence.Schema;

/// <summary>One embedded schema script: <c>NNNN_name.sql</c>.</summary>
public sealed record SchemaScript(int Version, string Name, string Sql);
