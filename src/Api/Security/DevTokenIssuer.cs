using System.Security.Claims;
using Matching.Validation;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Matching.Api.Security;

/// <summary>The body of <c>POST /api/dev/tokens</c>: the role and the tenancy the token is bound to.</summary>
public sealed record DevTokenRequest(string? Role, string? EmployerId, string[]? SiteIds, string? FairId, string? Name);

/// <summary>A signed bearer token and the moment it stops being accepted.</summary>
public sealed record DevToken(string Token, DateTimeOffset ExpiresAt);

/// <summary>
/// Signs tokens with the product's own key, for development and the demo: the same tokens a real issuer
/// with the configured key would hand out, so the checks they meet are the real ones.
/// </summary>
public sealed class DevTokenIssuer(SigningKeyChoice signing, IOptions<AuthOptions> options)
{
    private const int MaxSites = 20;

    private readonly JsonWebTokenHandler _handler = new();

    /// <summary>Checks the request like any other body (400 with every broken rule) and signs the token.</summary>
    public DevToken Issue(DevTokenRequest request)
    {
        var key = signing.Key ?? throw new InvalidOperationException("Tokens are signed by the configured authority, not here.");
        var errors = new FieldErrors();
        var role = errors.Code("role", request.Role, Roles.All);
        var name = errors.Text("name", request.Name, 64, required: false);
        var claims = new List<Claim> { new(ClaimNames.Role, role) };
        switch (role)
        {
            case Roles.Recruiter:
                claims.Add(new Claim(ClaimNames.EmployerId, RequiredId(errors, "employerId", request.EmployerId)));
                break;
            case Roles.LodgingOperator:
                var sites = request.SiteIds ?? [];
                if (sites.Length is 0 or > MaxSites)
                {
                    errors.Add("siteIds", $"must name 1 to {MaxSites} sites.");
                }

                claims.AddRange(sites.Take(MaxSites).Select((s, i) => new Claim(ClaimNames.SiteId, RequiredId(errors, $"siteIds[{i}]", s))));
                break;
            case Roles.BoardViewer:
                claims.Add(new Claim(ClaimNames.FairId, RequiredId(errors, "fairId", request.FairId)));
                break;
        }

        errors.ThrowIfAny();

        // The subject scopes idempotency keys and rate limits: one per named person, else one per role and tenancy.
        var subject = name.Length > 0 ? $"{role}:{name}" : string.Join(':', claims.Select(c => c.Value));
        claims.Add(new Claim(ClaimNames.Subject, subject));
        claims.Add(new Claim(ClaimNames.Name, name.Length > 0 ? name : subject));

        var now = DateTimeOffset.UtcNow;
        var expires = now.AddMinutes(Math.Max(1, options.Value.DevTokenMinutes));
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Value.Issuer,
            Audience = options.Value.Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
        return new DevToken(token, DateTimeOffset.FromUnixTimeSeconds(expires.ToUnixTimeSeconds()));
    }

    private static string RequiredId(FieldErrors errors, string field, string? value)
    {
        if (!FieldErrors.IsValidId(value))
        {
            errors.Add(field, "must be an id: 1-64 letters, digits, '.', '_' or '-'.");
            return "";
        }

        return value!;
    }
}
