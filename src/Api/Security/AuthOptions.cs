namespace Matching.Api.Security;

/// <summary>
/// <c>Matching:Auth</c>: who issues the bearer tokens the API accepts. Either a signing key shared with the
/// issuer (<see cref="Issuer"/>, <see cref="Audience"/>, <see cref="SigningKey"/>) or an OpenID Connect
/// <see cref="Authority"/> whose published keys sign them.
/// </summary>
public sealed class AuthOptions
{
    public const string Section = "Matching:Auth";

    public string Issuer { get; set; } = "matching";

    public string Audience { get; set; } = "matching-api";

    /// <summary>
    /// The HMAC-SHA256 key (at least 32 bytes of UTF-8) tokens are signed with. Comes from the environment or a
    /// secret store, never from a file in the repository. When empty and development tokens are on, a key is
    /// generated once per data folder.
    /// </summary>
    public string? SigningKey { get; set; }

    /// <summary>An OpenID Connect authority (its discovery document names issuer and keys); replaces the signing key.</summary>
    public string? Authority { get; set; }

    /// <summary>Whether the authority's metadata must come over HTTPS; off only for a local test authority.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>The claim holding the role, for authorities that name it otherwise (e.g. <c>roles</c>).</summary>
    public string RoleClaim { get; set; } = ClaimNames.Role;

    /// <summary>
    /// Serves <c>POST /api/dev/tokens</c>, which hands any caller a token for any role. For a developer's
    /// machine and the demo only: on in <c>appsettings.Development.json</c>, off everywhere else.
    /// </summary>
    public bool DevTokens { get; set; }

    /// <summary>How long a development token lives: a working day, at most <see cref="MaxDevTokenMinutes"/>.</summary>
    public int DevTokenMinutes { get; set; } = 480;

    /// <summary>A development token is for a session at a desk, not a credential to keep.</summary>
    public const int MaxDevTokenMinutes = 720;
}
