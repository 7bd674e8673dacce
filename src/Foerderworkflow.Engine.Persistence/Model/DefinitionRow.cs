namespace Foerderworkflow.Engine.Persistence.Model;

/// <summary>One version of a definition: the Elsa document verbatim, plus the columns the queries need.</summary>
internal sealed class DefinitionRow
{
    public required string Id { get; set; }
    public required string DefinitionId { get; set; }
    public int Version { get; set; }
    public required string Name { get; set; }
    public bool IsLatest { get; set; }
    public bool IsPublished { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string Document { get; set; }
}
