namespace Foerderworkflow.Funding.Documents;

/// <summary>
/// Numbers and ids of issued documents: the file number, a code per kind and a running number per kind, e.g.
/// <c>AIF-2026-0042/ZB1</c>. Both are derived from the case alone, so the step that issues a document needs no I/O.
/// </summary>
public static class DocumentNumbers
{
    public static string Code(DocumentKind kind) => kind switch
    {
        DocumentKind.GrantDecision => "ZB",
        DocumentKind.RejectionDecision => "AB",
        DocumentKind.AmendmentDecision => "ÄB",
        DocumentKind.ReclaimDecision => "RB",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown document kind."),
    };

    /// <summary>The German name of the kind as the document's title and the API show it.</summary>
    public static string Title(DocumentKind kind) => kind switch
    {
        DocumentKind.GrantDecision => "Zuwendungsbescheid",
        DocumentKind.RejectionDecision => "Ablehnungsbescheid",
        DocumentKind.AmendmentDecision => "Änderungsbescheid",
        DocumentKind.ReclaimDecision => "Rückforderungs- und Zinsbescheid",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown document kind."),
    };

    /// <summary>The shown number: <c>{fileNumber}/{code}{sequence}</c>.</summary>
    public static string Number(string fileNumber, DocumentKind kind, int sequence) => $"{fileNumber}/{Code(kind)}{sequence}";

    /// <summary>The id in URLs: ASCII only, <c>{applicationId}-{kind}-{sequence}</c>.</summary>
    public static string Id(string applicationId, DocumentKind kind, int sequence) => $"{applicationId}-{kind}-{sequence}";
}
