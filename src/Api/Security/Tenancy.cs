using System.Security.Claims;
using Matching.Errors;
using Matching.JobOrders;
using Matching.Workers;

namespace Matching.Api.Security;

/// <summary>
/// The resource checks behind the role policies: which employer, sites or fair a caller is bound to, and
/// whether a resource belongs to them. Staff and admins are bound to none and pass every check.
/// </summary>
/// <remarks>
/// Another tenant's job order, hold, site, reservation, fair or employer answers 403: their ids carry no
/// personal data, and the caller's role may use the route. A worker a recruiter may not read answers 404 as if
/// it did not exist, so nobody can learn whether a person is registered.
/// </remarks>
public static class Tenancy
{
    public static bool IsStaff(this ClaimsPrincipal user) => user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Staff);

    /// <summary>The employer a recruiter is bound to; null for everyone else.</summary>
    public static string? EmployerOf(this ClaimsPrincipal user) =>
        user.IsInRole(Roles.Recruiter) ? user.FindFirst(ClaimNames.EmployerId)?.Value : null;

    public static bool MayActFor(this ClaimsPrincipal user, string employerId) =>
        user.IsStaff() || (user.EmployerOf() is { } own && string.Equals(own, employerId, StringComparison.Ordinal));

    public static void EnsureEmployer(this ClaimsPrincipal user, string employerId)
    {
        if (!user.MayActFor(employerId))
        {
            throw new ForbiddenException("This belongs to another employer.");
        }
    }

    /// <summary>Staff pass without a read; a recruiter's order is read to learn its employer (404 when unknown).</summary>
    public static async Task EnsureJobOrderAsync(this ClaimsPrincipal user, IGrainFactory grains, string jobOrderId)
    {
        if (!user.IsStaff())
        {
            var order = await grains.GetGrain<IJobOrderGrain>(jobOrderId).GetAsync();
            user.EnsureEmployer(order.EmployerId);
        }
    }

    public static void EnsureSite(this ClaimsPrincipal user, string siteId)
    {
        var mine = user.IsInRole(Roles.LodgingOperator)
            && user.FindAll(ClaimNames.SiteId).Any(c => string.Equals(c.Value, siteId, StringComparison.Ordinal));
        if (!user.IsStaff() && !mine)
        {
            throw new ForbiddenException("This belongs to another lodging site.");
        }
    }

    public static void EnsureFair(this ClaimsPrincipal user, string fairId)
    {
        var mine = user.IsInRole(Roles.BoardViewer)
            && string.Equals(user.FindFirst(ClaimNames.FairId)?.Value, fairId, StringComparison.Ordinal);
        if (!user.IsStaff() && !mine)
        {
            throw new ForbiddenException("This belongs to another fair.");
        }
    }

    /// <summary>
    /// Whether the caller may see the worker's personal data in full: staff, or a recruiter whose employer
    /// holds the worker now or hired it.
    /// </summary>
    public static bool MaySeeInFull(this ClaimsPrincipal user, WorkerView worker, DateTimeOffset now) =>
        user.IsStaff() || (user.EmployerOf() is { } own && EngagedBy(worker, own, now));

    /// <summary>The employer holds the worker (a live hold) or hired it.</summary>
    public static bool EngagedBy(WorkerView worker, string employerId, DateTimeOffset now) =>
        (worker.Hold is { } hold && hold.IsLive(now) && hold.EmployerId == employerId)
        || worker.Hire?.EmployerId == employerId;

    /// <summary>
    /// The worker for a caller allowed to read it; to anyone else it does not exist. A holding employer needs to
    /// call the worker, not to know the ID number: that one is shown only to staff and the employer that hired.
    /// </summary>
    public static WorkerView Readable(this ClaimsPrincipal user, WorkerView worker, DateTimeOffset now)
    {
        if (!user.MaySeeInFull(worker, now))
        {
            throw new NotFoundException("Worker", worker.Id ?? "");
        }

        return user.IsStaff() || worker.Hire?.EmployerId == user.EmployerOf()
            ? worker
            : worker with { IdNumber = PersonalData.MaskIdNumber(worker.IdNumber) };
    }
}
