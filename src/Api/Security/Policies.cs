using Microsoft.AspNetCore.Authorization;

namespace Matching.Api.Security;

/// <summary>
/// Which roles may use a route at all. Tenancy (whose employer, site or fair) is checked in the handler
/// by <see cref="Tenancy"/>, where the resource is known.
/// </summary>
public static class Policies
{
    /// <summary>Employment-service work: workers, employers, fairs, sites, overrides, reports.</summary>
    public const string Staff = "staff";

    /// <summary>Job orders, candidates, holds and matches: staff, or a recruiter for its own employer.</summary>
    public const string Recruiting = "recruiting";

    /// <summary>Beds and stays: staff, or an operator for its own sites.</summary>
    public const string Lodging = "lodging";

    /// <summary>A fair's board: staff, or a board viewer for its own fair.</summary>
    public const string Boards = "boards";

    public static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(Staff, p => p.RequireRole(Roles.Admin, Roles.Staff));
        options.AddPolicy(Recruiting, p => p.RequireRole(Roles.Admin, Roles.Staff, Roles.Recruiter));
        options.AddPolicy(Lodging, p => p.RequireRole(Roles.Admin, Roles.Staff, Roles.LodgingOperator));
        options.AddPolicy(Boards, p => p.RequireRole(Roles.Admin, Roles.Staff, Roles.BoardViewer));

        // A route nobody marked still needs a signed-in caller under /api and /hubs; other paths are the pages,
        // the API description and health, which anyone may read.
        options.FallbackPolicy = new AuthorizationPolicyBuilder()
            .RequireAssertion(c => c.User.Identity?.IsAuthenticated == true || !IsProtected(c.Resource))
            .Build();
    }

    public static bool IsProtected(PathString path) => path.StartsWithSegments("/api") || path.StartsWithSegments("/hubs");

    private static bool IsProtected(object? resource) => resource is not HttpContext http || IsProtected(http.Request.Path);
}
