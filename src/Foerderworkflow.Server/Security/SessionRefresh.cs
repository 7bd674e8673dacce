using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Duende.IdentityModel.Client;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Foerderworkflow.Casework;

namespace Foerderworkflow.Server.Security;

/// <summary>
/// Keeps a browser session (<c>Auth:Oidc:UseRefreshTokens</c>) in step with the provider: shortly before the saved
/// access token expires, the refresh token is redeemed at the provider's token endpoint (Duende.IdentityModel's
/// client, through the OpenID Connect handler's back channel and discovered configuration) and the cookie renewed. A
/// refused refresh (user locked, provider session ended) or a missing refresh token ends the session: the next page
/// goes to the provider again, an API call gets 401.
/// </summary>
internal sealed partial class SessionRefresh(IOptionsMonitor<OpenIdConnectOptions> oidc, TimeProvider clock, ILogger<SessionRefresh> logger)
{
    /// <summary>How long before its expiry an access token is refreshed, so that no request runs with an expired one.</summary>
    public static readonly TimeSpan Margin = TimeSpan.FromMinutes(1);

    /// <summary>How long a refresh's answer is handed to requests that still carry the old refresh token.</summary>
    private static readonly TimeSpan Reuse = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Refreshes in flight or just done, by refresh token (hashed). Studio's editor sends several requests at once: they
    /// share one refresh, because a provider that rotates refresh tokens refuses the second use of the old one, and
    /// that refusal would sign the user out.
    /// </summary>
    private readonly ConcurrentDictionary<string, (DateTimeOffset Started, Lazy<Task<TokenResponse>> Response)> refreshes = new(StringComparer.Ordinal);

    public async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var now = clock.GetUtcNow();
        if (!DateTimeOffset.TryParse(context.Properties.GetTokenValue("expires_at"), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var expiresAt)
            || now + Margin < expiresAt)
        {
            return;
        }

        var response = context.Properties.GetTokenValue(OpenIdConnectParameterNames.RefreshToken) is { Length: > 0 } refreshToken
            ? await RefreshAsync(refreshToken, now)
            : null;
        if (response is { ErrorType: ResponseErrorType.Exception })
        {
            // The provider is unreachable: that says nothing about the user, so the session goes on and the refresh is
            // tried again once the shared answer is older than a minute.
            LogRefreshUnreachable(logger, response.Exception);
            return;
        }

        if (response is null || response.IsError)
        {
            LogSessionEnded(logger, response?.Error ?? "no refresh token", response?.Exception);
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(BrowserSignIn.SessionScheme);
            return;
        }

        context.Properties.UpdateTokenValue(OpenIdConnectParameterNames.AccessToken, response.AccessToken!);
        if (response.RefreshToken is { Length: > 0 } rotated)
        {
            context.Properties.UpdateTokenValue(OpenIdConnectParameterNames.RefreshToken, rotated);
        }

        // Kept only as id_token_hint for the provider's logout; the identity stays the one of the validated sign-in.
        if (response.IdentityToken is { Length: > 0 } idToken)
        {
            context.Properties.UpdateTokenValue(OpenIdConnectParameterNames.IdToken, idToken);
        }

        context.Properties.UpdateTokenValue("expires_at", (now + TimeSpan.FromSeconds(response.ExpiresIn)).ToString("o", CultureInfo.InvariantCulture));
        context.ShouldRenew = true;
    }

    private Task<TokenResponse> RefreshAsync(string refreshToken, DateTimeOffset now)
    {
        foreach (var (key, entry) in refreshes)
        {
            if (entry.Started + Reuse < now)
            {
                refreshes.TryRemove(key, out _);
            }
        }

        var id = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(refreshToken)));
        return refreshes.GetOrAdd(id, _ => (now, new Lazy<Task<TokenResponse>>(() => RequestAsync(refreshToken)))).Response.Value;
    }

    /// <summary>Not bound to one request's abort: other requests wait for the same answer (the back channel has its own timeout).</summary>
    private async Task<TokenResponse> RequestAsync(string refreshToken)
    {
        var options = oidc.Get(BrowserSignIn.Scheme);
        string tokenEndpoint;
        try
        {
            tokenEndpoint = (await options.ConfigurationManager!.GetConfigurationAsync(CancellationToken.None)).TokenEndpoint;
        }
        catch (InvalidOperationException unreachable)
        {
            // The configuration manager wraps every retrieval failure (network, bad document) in this one type.
            return ProtocolResponse.FromException<TokenResponse>(unreachable, unreachable.Message);
        }

        return await options.Backchannel.RequestRefreshTokenAsync(new RefreshTokenRequest
        {
            Address = tokenEndpoint,
            ClientId = options.ClientId!,
            ClientSecret = options.ClientSecret,
            // As the handler sends it when it redeems the code.
            ClientCredentialStyle = ClientCredentialStyle.PostBody,
            RefreshToken = refreshToken,
        }, CancellationToken.None);
    }

    [LoggerMessage(EventId = 23, Level = LogLevel.Warning, Message = "Browser session kept: the OpenID Connect provider could not be reached to refresh its access token")]
    private static partial void LogRefreshUnreachable(ILogger logger, Exception? failure);

    [LoggerMessage(EventId = 22, Level = LogLevel.Information, Message = "Browser session ended: the access token expired and could not be refreshed ({Reason})")]
    private static partial void LogSessionEnded(ILogger logger, string reason, Exception? failure);
}
