using System.Text.Json.Serialization;

namespace Matching.Workers;

/// <summary>
/// What a hire is: a job (劳动合同) or a school–enterprise internship (实习), which the employer may later turn
/// into employment. Employment is 0, so hires stored before engagements had a kind read as what they were.
/// </summary>
[GenerateSerializer, Alias("EngagementKind")]
public enum EngagementKind
{
    Employment = 0,
    Internship = 1,
}

/// <summary>
/// The worker's side of a hire: its kind now (employment, or an internship not converted yet), when an internship
/// became employment (set only on hires that began as internships) and when the worker left.
/// </summary>
[GenerateSerializer, Immutable, Alias("WorkerHire")]
public sealed record WorkerHire(
    [property: Id(0)] string HoldId,
    [property: Id(1)] string JobOrderId,
    [property: Id(2)] string EmployerId,
    [property: Id(3)] DateTimeOffset HiredAt,
    [property: Id(4)] EngagementKind Kind = EngagementKind.Employment,
    [property: Id(5)] DateTimeOffset? ConvertedAt = null,
    [property: Id(6)] DateTimeOffset? LeftAt = null)
{
    /// <summary><c>interning</c>, <c>employed</c> or <c>left</c>.</summary>
    [JsonPropertyOrder(1)]
    public string State => Engagements.StateOf(Kind, LeftAt);
}

/// <summary>The rules every copy of an engagement (the order's and the worker's) follows.</summary>
public static class Engagements
{
    public const string Interning = "interning";
    public const string Employed = "employed";
    public const string Left = "left";

    public static string StateOf(EngagementKind kind, DateTimeOffset? leftAt) =>
        leftAt is not null ? Left : kind == EngagementKind.Internship ? Interning : Employed;

    /// <summary>The hire began as an internship: it is one still, or was converted.</summary>
    public static bool BeganAsInternship(EngagementKind kind, DateTimeOffset? convertedAt) =>
        kind == EngagementKind.Internship || convertedAt is not null;

    /// <summary>
    /// The kind a confirmation gives: the one asked for, or by default an internship for a student intern
    /// (在校生) on an order that accepts interns and employment for everyone else. An internship for anyone
    /// else is refused (400 on <c>kind</c>): the order or the worker says it cannot be one.
    /// </summary>
    public static EngagementKind Resolve(EngagementKind? asked, bool isStudentIntern, bool orderAcceptsInterns)
    {
        var canIntern = isStudentIntern && orderAcceptsInterns;
        if (asked == EngagementKind.Internship && !canIntern)
        {
            throw Errors.ValidationFailedException.For(
                "kind",
                isStudentIntern
                    ? "an internship needs a job order that accepts interns (acceptsInterns)."
                    : "an internship is for a student intern (category studentIntern).");
        }

        return asked ?? (canIntern ? EngagementKind.Internship : EngagementKind.Employment);
    }
}
