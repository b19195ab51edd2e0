using System.Security.Claims;

namespace Matching.Api.Security;

/// <summary>The roles a bearer token can carry in its <c>role</c> claim.</summary>
public static class Roles
{
    /// <summary>Runs the service: everything staff may do, and more to come (keys, users).</summary>
    public const string Admin = "admin";

    /// <summary>Employment-service staff: workers, fairs, lodging overrides, reports, every employer.</summary>
    public const string Staff = "staff";

    /// <summary>A recruiter of one employer (claim <c>employer_id</c>): its job orders, their candidates and holds.</summary>
    public const string Recruiter = "recruiter";

    /// <summary>A lodging operator of one or more sites (claims <c>site_id</c>): availability and stays there.</summary>
    public const string LodgingOperator = "lodging_operator";

    /// <summary>A fair's big screen (claim <c>fair_id</c>): the anonymised board only.</summary>
    public const string BoardViewer = "board_viewer";

    /// <summary>From the widest to the narrowest, so a caller with several roles counts as its widest.</summary>
    public static readonly string[] All = [Admin, Staff, Recruiter, LodgingOperator, BoardViewer];

    /// <summary>The caller's role (its widest, if the token names several); null when it names none of the product's.</summary>
    public static string? Of(ClaimsPrincipal user) => All.FirstOrDefault(user.IsInRole);
}

/// <summary>Claim names of the product's tokens, as they stand in the JWT (inbound claim mapping is off).</summary>
public static class ClaimNames
{
    public const string Subject = "sub";
    public const string Name = "name";
    public const string Role = "role";
    public const string EmployerId = "employer_id";
    public const string SiteId = "site_id";
    public const string FairId = "fair_id";
}
