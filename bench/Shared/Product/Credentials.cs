using System.Security.Cryptography;
using Matching.Api.Security;
using Microsoft.Extensions.Options;

namespace Matching.Bench;

/// <summary>
/// The bench as the token issuer of its own deployment: a fresh HMAC key handed to the product as
/// <c>Matching:Auth:SigningKey</c> (in the environment, as the README asks of keys), and tokens signed with it by
/// the product's own issuer code, so they carry exactly the claims, issuer and audience the product checks.
/// </summary>
internal sealed class Credentials
{
    private readonly DevTokenIssuer _issuer;

    public Credentials()
    {
        SigningKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
        var auth = new AuthOptions { SigningKey = SigningKey };
        _issuer = new DevTokenIssuer(SigningKeys.Choose(auth, dataPath: ""), Options.Create(auth));
    }

    public string SigningKey { get; }

    /// <summary>What the product process needs to accept these tokens.</summary>
    public IReadOnlyDictionary<string, string> ProductEnvironment => new Dictionary<string, string>
    {
        ["Matching__Auth__SigningKey"] = SigningKey,
    };

    /// <summary>A member of the employment service's staff, who registers workers and sets up employers and orders.</summary>
    public string Staff(int number) => Issue(new DevTokenRequest(Roles.Staff, null, null, null, $"staff-{number}"));

    /// <summary>One recruiter of <paramref name="employerId"/>: a person of their own, so limits count them apart.</summary>
    public string Recruiter(string employerId, int number) =>
        Issue(new DevTokenRequest(Roles.Recruiter, employerId, null, null, $"recruiter-{number}"));

    private string Issue(DevTokenRequest request) => _issuer.Issue(request).Token;
}
