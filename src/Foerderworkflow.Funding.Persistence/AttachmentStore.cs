using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using Foerderworkflow.Engine.Persistence;
using Foerderworkflow.Funding.Applications;
using Foerderworkflow.Funding.Validation;

namespace Foerderworkflow.Funding.Persistence;

/// <summary>A stored attachment without its bytes.</summary>
public sealed record AttachmentInfo(
    string Id, string ApplicationId, string FileName, string ContentType, long Size, string Sha256, DateTimeOffset UploadedAt, string UploadedBy);

/// <summary>
/// The files attached to applications (<c>funding_attachments</c>), checked by <see cref="AttachmentRules"/> before
/// they are stored. Who may see or add them is the API's decision; this store only knows applications.
/// </summary>
public sealed class AttachmentStore
{
    private const string InfoColumns = "id, application_id, file_name, content_type, size_bytes, sha256, uploaded_at, uploaded_by";

    private readonly FundingDatabase database;
    private readonly TimeProvider clock;

    internal AttachmentStore(FundingDatabase database, TimeProvider clock)
    {
        this.database = database;
        this.clock = clock;
    }

    /// <summary>
    /// Checks and stores a file for <paramref name="applicationId"/>. The count limit is checked under the application
    /// row's lock (PostgreSQL) or the write lock (SQLite), so parallel uploads cannot pass 20. Throws
    /// <see cref="FundingRuleViolationException"/> (field <c>file</c>, or <c>applicationId</c> when it is unknown).
    /// </summary>
    public async Task<AttachmentInfo> AddAsync(string applicationId, string? fileName, string? contentType, byte[] content, string uploadedBy, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(applicationId);
        ArgumentNullException.ThrowIfNull(content);
        ArgumentException.ThrowIfNullOrWhiteSpace(uploadedBy);

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await FundingDatabase.BeginWriteAsync(connection, cancellationToken);
        var lockRow = database.Provider == WorkflowStoreProvider.PostgreSql ? " FOR UPDATE" : string.Empty;
        await using (var find = FundingDatabase.Command(connection, transaction, "SELECT 1 FROM funding_applications WHERE application_id = @id" + lockRow, ("@id", applicationId)))
        {
            if (await find.ExecuteScalarAsync(cancellationToken) is null)
            {
                throw new FundingRuleViolationException("applicationId", "Diesen Antrag gibt es nicht.");
            }
        }

        int existing;
        await using (var count = FundingDatabase.Command(connection, transaction, "SELECT COUNT(*) FROM funding_attachments WHERE application_id = @id", ("@id", applicationId)))
        {
            existing = Convert.ToInt32(await count.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        }

        var (type, errors) = AttachmentRules.Validate(contentType, content.AsSpan(0, Math.Min(content.Length, AttachmentRules.HeaderLength)), content.LongLength, existing);
        if (type is null)
        {
            throw new FundingRuleViolationException(errors);
        }

        var info = new AttachmentInfo(
            Guid.NewGuid().ToString("N"), applicationId, AttachmentRules.SanitizeFileName(fileName, type), type.ContentType, content.LongLength,
            Convert.ToHexStringLower(SHA256.HashData(content)), clock.GetUtcNow(), uploadedBy);
        await using (var insert = FundingDatabase.Command(
            connection,
            transaction,
            "INSERT INTO funding_attachments (id, application_id, file_name, content_type, size_bytes, sha256, content, uploaded_at, uploaded_by) " +
            "VALUES (@id, @application_id, @file_name, @content_type, @size, @sha256, @content, @uploaded_at, @uploaded_by)",
            ("@id", info.Id), ("@application_id", applicationId), ("@file_name", info.FileName), ("@content_type", info.ContentType), ("@size", info.Size),
            ("@sha256", info.Sha256), ("@content", content), ("@uploaded_at", database.Time(info.UploadedAt)), ("@uploaded_by", uploadedBy)))
        {
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return info;
    }

    /// <summary>The attachments of an application, oldest first.</summary>
    public async Task<IReadOnlyList<AttachmentInfo>> ListAsync(string applicationId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = FundingDatabase.Command(
            connection, null, $"SELECT {InfoColumns} FROM funding_attachments WHERE application_id = @id ORDER BY uploaded_at, id", ("@id", applicationId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var list = new List<AttachmentInfo>();
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(Read(reader));
        }

        return list;
    }

    /// <summary>One attachment of <paramref name="applicationId"/> with its bytes; null when there is none of that id for that application.</summary>
    public async Task<(AttachmentInfo Info, byte[] Content)?> FindAsync(string applicationId, string attachmentId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = FundingDatabase.Command(
            connection, null, $"SELECT {InfoColumns}, content FROM funding_attachments WHERE application_id = @application_id AND id = @id",
            ("@application_id", applicationId), ("@id", attachmentId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (Read(reader), (byte[])reader.GetValue(8)) : null;
    }

    private static AttachmentInfo Read(DbDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(4), reader.GetString(5),
        FundingDatabase.ReadTime(reader, 6), reader.GetString(7));
}
