using System.Buffers.Text;
using System.Security.Cryptography;
using Foerderworkflow.Engine.Persistence;

namespace Foerderworkflow.Funding.Persistence;

/// <summary>
/// The applicants' one-time sign-in links in the workflow database (table <c>sign_in_links</c>, script set
/// <see cref="SignInLinkStoreServiceCollectionExtensions.Scripts"/>). A link's code is 256 random bits; only its
/// SHA-256 is stored, so a copy of the database signs nobody in. A link is valid for <see cref="Lifetime"/> and once:
/// redeeming is one conditional UPDATE, so of two redemptions at the same moment exactly one succeeds. Expired rows
/// (used or not) are deleted whenever a link is issued and at start-up.
/// </summary>
public sealed class SignInLinkStore
{
    /// <summary>How long a link can be redeemed after it was issued.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    private const int TokenBytes = 32;

    private readonly FundingDatabase database;
    private readonly TimeProvider clock;

    internal SignInLinkStore(FundingDatabase database, TimeProvider clock)
    {
        this.database = database;
        this.clock = clock;
    }

    /// <summary>The form every address is stored and signed in with: trimmed, lower case (the subject of the session).</summary>
    public static string Normalize(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return address.Trim().ToLowerInvariant();
    }

    /// <summary>
    /// Stores a new link for <paramref name="address"/> (normalized) and returns its code, which goes into the e-mail and
    /// nowhere else. <paramref name="returnUrl"/> is kept as given; the caller checks that it is a local path.
    /// </summary>
    public async Task<(string Code, DateTimeOffset ExpiresAt)> IssueAsync(string address, string? returnUrl, CancellationToken cancellationToken)
    {
        var token = RandomNumberGenerator.GetBytes(TokenBytes);
        var now = clock.GetUtcNow();
        var expiresAt = now + Lifetime;
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await FundingDatabase.BeginWriteAsync(connection, cancellationToken);
        await using (var purge = FundingDatabase.Command(connection, transaction, PurgeSql, ("@now", database.Time(now))))
        {
            await purge.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var insert = FundingDatabase.Command(
            connection,
            transaction,
            "INSERT INTO sign_in_links (token_hash, address, return_url, created_at, expires_at) VALUES (@hash, @address, @returnUrl, @now, @expires)",
            ("@hash", Hash(token)),
            ("@address", Normalize(address)),
            ("@returnUrl", returnUrl),
            ("@now", database.Time(now)),
            ("@expires", database.Time(expiresAt))))
        {
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return (Base64Url.EncodeToString(token), expiresAt);
    }

    /// <summary>
    /// Marks the link of <paramref name="code"/> used and returns its address, or null when the code is unknown,
    /// malformed, expired or used before (the caller cannot and need not tell which).
    /// </summary>
    public async Task<RedeemedSignInLink?> RedeemAsync(string? code, CancellationToken cancellationToken)
    {
        if (!TryDecode(code, out var token))
        {
            return null;
        }

        await using var connection = await database.OpenAsync(cancellationToken);

        // One statement: the condition and the mark are applied under the row's write lock, so a second redemption of
        // the same code (a double click, a replayed request) finds used_at set and gets no row.
        await using var redeem = FundingDatabase.Command(
            connection,
            null,
            "UPDATE sign_in_links SET used_at = @now WHERE token_hash = @hash AND used_at IS NULL AND expires_at > @now RETURNING address, return_url",
            ("@hash", Hash(token)),
            ("@now", database.Time(clock.GetUtcNow())));
        await using var reader = await redeem.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new RedeemedSignInLink(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1))
            : null;
    }

    /// <summary>
    /// True while <paramref name="code"/> could still be redeemed; reads only, so a mail scanner that opens the link does
    /// not use it up.
    /// </summary>
    public async Task<bool> IsRedeemableAsync(string? code, CancellationToken cancellationToken)
    {
        if (!TryDecode(code, out var token))
        {
            return false;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var find = FundingDatabase.Command(
            connection,
            null,
            "SELECT 1 FROM sign_in_links WHERE token_hash = @hash AND used_at IS NULL AND expires_at > @now",
            ("@hash", Hash(token)),
            ("@now", database.Time(clock.GetUtcNow())));
        return await find.ExecuteScalarAsync(cancellationToken) is not null;
    }

    /// <summary>Deletes every expired link, used or not; returns how many.</summary>
    public async Task<int> PurgeExpiredAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var purge = FundingDatabase.Command(connection, null, PurgeSql, ("@now", database.Time(clock.GetUtcNow())));
        return await purge.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The stored form of a code: SHA-256 of its 32 random bytes, lower-case hex.</summary>
    public static string Hash(ReadOnlySpan<byte> token) => Convert.ToHexStringLower(SHA256.HashData(token));

    /// <summary>True when <paramref name="code"/> is the base64url text of exactly 32 bytes (what <see cref="IssueAsync"/> hands out).</summary>
    public static bool TryDecode(string? code, out byte[] token)
    {
        token = [];
        if (code is null || code.Length != Base64Url.GetEncodedLength(TokenBytes) || !Base64Url.IsValid(code, out var length) || length != TokenBytes)
        {
            return false;
        }

        token = Base64Url.DecodeFromChars(code);
        return true;
    }

    private const string PurgeSql = "DELETE FROM sign_in_links WHERE expires_at <= @now";
}
