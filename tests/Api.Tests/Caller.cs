using Matching.Api.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Matching.Api.Tests;

/// <summary>Who a test client is: a role and the tenancy its token binds it to.</summary>
public sealed record Caller(string Role, string? EmployerId = null, string[]? SiteIds = null, string? FairId = null, string? Name = null)
{
    public static Caller Admin { get; } = new(Roles.Admin);

    public static Caller Staff { get; } = new(Roles.Staff);

    public static Caller Recruiter(string employerId) => new(Roles.Recruiter, EmployerId: employerId);

    public static Caller Operator(params string[] siteIds) => new(Roles.LodgingOperator, SiteIds: siteIds);

    public static Caller Viewer(string fairId) => new(Roles.BoardViewer, FairId: fairId);
}

/// <summary>Tokens from the product's own development issuer, for clients that tests build by hand.</summary>
internal static class Tokens
{
    public static string Issue(IServiceProvider services, Caller caller) =>
        services.GetRequiredService<DevTokenIssuer>()
            .Issue(new DevTokenRequest(caller.Role, caller.EmployerId, caller.SiteIds, caller.FairId, caller.Name))
            .Token;
}
