using System.Data.Common;

namespace Foerderworkflow.Funding.Persistence;

/// <summary>A stored document without its bytes.</summary>
/// <param name="RetrievedAt">The first time the applicant retrieved it (§ 41 (2a) VwVfG); null while not retrieved.</param>
public sealed record DocumentInfo(
    string Id, string ApplicationId, string Number, string Kind, DateTimeOffset IssuedAt, string Sha256, string? Replaces, string NotificationPath,
    string FileName, long Size, DateTimeOffset? RetrievedAt);

/// <summary>
/// The documents cases issued (<c>funding_documents</c>): written only by the burst that issued them (the commit
/// projection), read here. Who may read which application's documents is the caller's decision (the API, the portal);
/// this store only knows applications. The portal records the applicant's retrieval here, which is the notification of
/// a document made known by retrieval (§ 41 (2a) VwVfG).
/// </summary>
public sealed class DocumentStore
{
    private const string InfoColumns = "id, application_id, number, kind, issued_at, sha256, replaces, notification_path, file_name, length(content), retrieved_at";

    private readonly FundingDatabase database;
    private readonly TimeProvider clock;

    internal DocumentStore(FundingDatabase database, TimeProvider clock)
    {
        this.database = database;
        this.clock = clock;
    }

    /// <summary>The documents of an application, oldest first.</summary>
    public async Task<IReadOnlyList<DocumentInfo>> ListAsync(string applicationId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = FundingDatabase.Command(
            connection, null, $"SELECT {InfoColumns} FROM funding_documents WHERE application_id = @id ORDER BY issued_at, id", ("@id", applicationId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var list = new List<DocumentInfo>();
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(Read(reader));
        }

        return list;
    }

    /// <summary>One document of <paramref name="applicationId"/> with its bytes, exactly as issued; null when there is none of that id for that application.</summary>
    public async Task<(DocumentInfo Info, byte[] Content)?> FindAsync(string applicationId, string documentId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = FundingDatabase.Command(
            connection, null, $"SELECT {InfoColumns}, content FROM funding_documents WHERE application_id = @application_id AND id = @id",
            ("@application_id", applicationId), ("@id", documentId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (Read(reader), (byte[])reader.GetValue(11)) : null;
    }

    /// <summary>
    /// One document with its bytes for a reader; when <paramref name="byApplicant"/>, the retrieval is recorded first
    /// (the applicant's download from the status page is the retrieval of § 41 (2a) VwVfG). Null when there is no such document.
    /// </summary>
    public async Task<(DocumentInfo Info, byte[] Content)?> RetrieveAsync(string applicationId, string documentId, bool byApplicant, CancellationToken cancellationToken)
    {
        if (byApplicant)
        {
            await RecordRetrievalAsync(applicationId, documentId, cancellationToken);
        }

        return await FindAsync(applicationId, documentId, cancellationToken);
    }

    /// <summary>
    /// Records that the applicant retrieved the document now. Only the first retrieval counts (the notification is
    /// then deemed on the next day); returns the time of that first retrieval, or null when there is no such document.
    /// </summary>
    public async Task<DateTimeOffset?> RecordRetrievalAsync(string applicationId, string documentId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using (var update = FundingDatabase.Command(
            connection, null, "UPDATE funding_documents SET retrieved_at = @at WHERE application_id = @application_id AND id = @id AND retrieved_at IS NULL",
            ("@at", database.Time(clock.GetUtcNow())), ("@application_id", applicationId), ("@id", documentId)))
        {
            await update.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var read = FundingDatabase.Command(
            connection, null, "SELECT retrieved_at FROM funding_documents WHERE application_id = @application_id AND id = @id", ("@application_id", applicationId), ("@id", documentId));
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) && !reader.IsDBNull(0) ? FundingDatabase.ReadTime(reader, 0) : null;
    }

    private static DocumentInfo Read(DbDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), FundingDatabase.ReadTime(reader, 4), reader.GetString(5),
        reader.IsDBNull(6) ? null : reader.GetString(6), reader.GetString(7), reader.GetString(8), reader.GetInt64(9),
        reader.IsDBNull(10) ? null : FundingDatabase.ReadTime(reader, 10));
}
