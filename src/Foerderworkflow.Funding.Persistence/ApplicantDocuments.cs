using System.Text.Json.Nodes;
using Foerderworkflow.Engine.Runtime;
using Foerderworkflow.Funding.Activities;
using Foerderworkflow.Funding.Documents;

namespace Foerderworkflow.Funding.Persistence;

/// <summary>
/// The applicant's side of the issued documents, for every surface that shows them to the applicant (the API, the
/// portal's status page): a download is the retrieval of § 41 (2a) VwVfG. The first one is recorded with the
/// document, and a Zuwendungsbescheid made known through the portal tells its case
/// (<see cref="GrantAcceptanceActivity.DocumentRetrievedEvent"/>), which then starts the appeal period from the day
/// after. Raised on every download, not only the first: a crash between recording and raising is repaired by the
/// next download, and a case that already knows ignores it (its event bookmark is gone). Who may read which
/// application is the caller's decision.
/// </summary>
public sealed class ApplicantDocuments(DocumentStore store, WorkflowRuntime runtime)
{
    public Task<IReadOnlyList<DocumentInfo>> ListAsync(string applicationId, CancellationToken cancellationToken) => store.ListAsync(applicationId, cancellationToken);

    /// <summary>
    /// The document with its bytes for a reader: the applicant's download is the retrieval (recorded, and it may tell
    /// the case), a staff member's read is not. Null when the application has no such document.
    /// </summary>
    public Task<(DocumentInfo Info, byte[] Content)?> ReadAsync(string applicationId, string documentId, bool byApplicant, CancellationToken cancellationToken) =>
        byApplicant ? RetrieveAsync(applicationId, documentId, cancellationToken) : store.FindAsync(applicationId, documentId, cancellationToken);

    /// <summary>The document with its bytes as the applicant retrieves it; null when the application has no such document.</summary>
    public async Task<(DocumentInfo Info, byte[] Content)?> RetrieveAsync(string applicationId, string documentId, CancellationToken cancellationToken)
    {
        var found = await store.RetrieveAsync(applicationId, documentId, byApplicant: true, cancellationToken);
        if (found is { Info: { Kind: nameof(DocumentKind.GrantDecision), NotificationPath: nameof(Decisions.NotificationPath.PortalRetrieval), RetrievedAt: { } retrievedAt } })
        {
            await runtime.TriggerEventAsync(
                GrantAcceptanceActivity.DocumentRetrievedEvent, applicationId, new JsonObject { ["documentId"] = documentId, ["retrievedAt"] = retrievedAt }, cancellationToken);
        }

        return found;
    }
}
