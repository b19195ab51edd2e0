using Matching.Employers;
using Matching.Workers;

namespace Matching.Lodging;

/// <summary>Why a worker may or may not have a transitional bed.</summary>
/// <param name="Eligible">Whether the worker may have a bed.</param>
/// <param name="Basis"><c>hired</c>, <c>held</c>, <c>creditCommitment</c>, or <c>none</c> when not eligible.</param>
/// <param name="EmployerId">The employer the worker is hired or held by, if any.</param>
/// <param name="Reason">A sentence for the caller, in the words of the rule that decided.</param>
[GenerateSerializer, Immutable, Alias("LodgingDecision")]
public sealed record LodgingDecision(
    [property: Id(0)] bool Eligible,
    [property: Id(1)] string Basis,
    [property: Id(2)] string? EmployerId,
    [property: Id(3)] string Reason);

/// <summary>
/// Who gets a free transitional bed: new hires of key enterprises (DOMAIN.md). A worker hired by, or held under
/// a live slot hold of, an employer that is a key enterprise and not blocked by credit assessment is eligible.
/// Anyone else still in the search may enter on a credit commitment (信用承诺). Pure: the caller reads the views.
/// </summary>
public static class LodgingEligibility
{
    public const string Hired = "hired";
    public const string Held = "held";
    public const string OnCreditCommitment = "creditCommitment";
    public const string None = "none";

    /// <summary>The employer the worker is bound to at <paramref name="now"/>: the hire's, else a live hold's.</summary>
    public static (string EmployerId, string Basis)? EmployerOf(WorkerView worker, DateTimeOffset now)
    {
        if (worker.Status == WorkerStatus.Hired && worker.Hire is { } hire)
        {
            return (hire.EmployerId, Hired);
        }

        if (worker.Status == WorkerStatus.Held && worker.Hold is { } hold && hold.IsLive(now))
        {
            return (hold.EmployerId, Held);
        }

        return null;
    }

    /// <summary>The decision for <paramref name="worker"/> at <paramref name="now"/>, with an optional <paramref name="commitment"/>.</summary>
    /// <param name="worker">The worker as read now.</param>
    /// <param name="employer">The view of the employer <see cref="EmployerOf"/> named, or null when there is none or it is unknown.</param>
    /// <param name="commitment">A credit commitment staff recorded, admitting the worker whatever the employer list says.</param>
    /// <param name="now">The moment of decision: a slot hold counts only while live.</param>
    public static LodgingDecision Decide(WorkerView worker, EmployerView? employer, CreditCommitment? commitment, DateTimeOffset now)
    {
        if (worker.Status == WorkerStatus.Withdrawn)
        {
            return new LodgingDecision(false, None, null, $"worker '{worker.Id}' has withdrawn from the search.");
        }

        var bound = EmployerOf(worker, now);
        string why;
        if (bound is not { } b)
        {
            why = $"worker '{worker.Id}' is neither hired nor held by an employer";
        }
        // A refusal never names the employer: a lodging operator who asks for a bed must not learn who holds or
        // hired a worker it sent an id of (staff read that on the worker itself).
        else if (employer is null || !string.Equals(employer.Id, b.EmployerId, StringComparison.Ordinal))
        {
            why = $"the employer of worker '{worker.Id}' is unknown";
        }
        else if (!employer.IsKeyEnterprise)
        {
            why = $"the employer of worker '{worker.Id}' is not a key enterprise";
        }
        else if (string.Equals(employer.CreditStanding, "blocked", StringComparison.OrdinalIgnoreCase))
        {
            why = $"the employer of worker '{worker.Id}' is blocked by credit assessment";
        }
        else
        {
            return new LodgingDecision(true, b.Basis, b.EmployerId, $"{b.Basis} by key enterprise '{b.EmployerId}'.");
        }

        return commitment is null
            ? new LodgingDecision(false, None, bound?.EmployerId, $"{why}; a credit commitment would admit the worker.")
            : new LodgingDecision(true, OnCreditCommitment, bound?.EmployerId, $"{why}; admitted on a credit commitment signed by {commitment.SignedBy}.");
    }
}
