using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using Microsoft.IdentityModel.Tokens;
using Foerderworkflow.Casework;

namespace Foerderworkflow.Server.Security;

public sealed record DevelopmentTokenRequest(string? UserName, string? Password);

public sealed record DevelopmentToken(string AccessToken, string TokenType, int ExpiresIn);

/// <summary>
/// Signs bearer tokens for the seeded demo users of the embedded default. Passwords are the user names: these
/// accounts exist for trying the system out and are switched off with <c>Auth:EnableDevelopmentTokens=false</c>.
/// </summary>
internal sealed class DevelopmentTokenIssuer(AuthOptions options, SecurityKey signingKey, TimeProvider clock)
{
    private static readonly Dictionary<string, string[]> Users = new(StringComparer.Ordinal)
    {
        ["admin"] = [Roles.Admin],
        ["kuf"] = [Roles.CoordinationOffice],
        ["amt"] = [Roles.LeadOffice],
        ["ausschuss"] = [Roles.CommitteeMember],
        ["ausschuss2"] = [Roles.CommitteeMember],
        ["ausschuss3"] = [Roles.CommitteeMember],
        ["jugendforum"] = [Roles.CommitteeMember],
        ["jugendforum2"] = [Roles.CommitteeMember],
        ["jugendforum3"] = [Roles.CommitteeMember],
        ["traeger"] = [Roles.Applicant],
        ["traeger2"] = [Roles.Applicant],
    };

    public DevelopmentToken? TryIssue(DevelopmentTokenRequest request)
    {
        if (CheckPassword(request.UserName, request.Password) is not { } claims)
        {
            return null;
        }

        var token = new JwtSecurityToken(
            options.Issuer,
            options.Audience,
            claims,
            expires: clock.GetUtcNow().UtcDateTime.Add(options.TokenLifetime),
            signingCredentials: new SigningCredentials(signingKey, SecurityAlgorithms.HmacSha256));
        return new DevelopmentToken(new JwtSecurityTokenHandler().WriteToken(token), "Bearer", (int)options.TokenLifetime.TotalSeconds);
    }

    /// <summary>A demo user's claims (subject, name, roles) when the password is right (the user name), else null.</summary>
    public IReadOnlyList<Claim>? CheckPassword(string? userName, string? password)
    {
        if (userName is not { } user || !Users.TryGetValue(user, out var roles) || password != user)
        {
            return null;
        }

        var claims = new List<Claim> { new(options.SubjectClaimType, user), new("name", user) };
        claims.AddRange(roles.Select(role => new Claim(options.RoleClaimType, role)));
        return claims;
    }
}
