using Matching.Validation;

namespace Matching.Lodging;

/// <summary>A stay request after its field rules: who, which nights, how long the hold lasts, on whose word.</summary>
public sealed record Stay(string WorkerId, DateOnly From, DateOnly To, TimeSpan HoldTtl, CreditCommitment? CreditCommitment);

/// <summary>Field rules of stays and of the nights operators ask counts for. Nights are calendar days in UTC.</summary>
public static class StayRules
{
    /// <summary>Longest range of nights one counts request or one configured stay may span: about two months.</summary>
    public const int MaxRangeNights = 62;

    /// <summary>Nights shown when the operator names no range: two weeks covers any stay about to start.</summary>
    public const int DefaultRangeNights = 14;

    /// <summary>Days an ended stay is kept after its last night; counts may look back as far.</summary>
    public const int HistoryDays = 62;

    public static Stay Normalize(StayRequest request, string siteId, LodgingOptions options, DateOnly today)
    {
        var e = new FieldErrors();
        var workerId = request.WorkerId?.Trim() ?? "";
        if (workerId.Length == 0)
        {
            e.Add("workerId", "is required.");
        }
        else
        {
            e.Id("workerId", workerId);
        }

        if (!string.Equals(request.SiteId?.Trim(), siteId, StringComparison.Ordinal))
        {
            e.Add("siteId", $"must be '{siteId}'.");
        }

        var from = e.Date("from", request.From, today, today.AddDays(options.MaxDaysAhead));
        if (request.To == default)
        {
            e.Add("to", "is required (yyyy-MM-dd).");
        }
        else if (request.To <= request.From)
        {
            e.Add("to", "must be after from: a stay is the nights from 'from' up to the day of leaving.");
        }
        else if (request.To.DayNumber - request.From.DayNumber > options.MaxNights)
        {
            e.Add("to", $"a stay is at most {options.MaxNights} nights.");
        }

        var ttl = options.Ttl(request.TtlSeconds, e);
        CreditCommitment? commitment = null;
        if (request.CreditCommitment is { } c)
        {
            commitment = new CreditCommitment
            {
                SignedBy = e.Text("creditCommitment.signedBy", c.SignedBy, FieldErrors.MaxShortText),
                Note = e.Text("creditCommitment.note", c.Note, 500, required: false),
            };
        }

        e.ThrowIfAny();
        return new Stay(workerId, from, request.To, ttl, commitment);
    }

    /// <summary>The nights to count: today and the next <see cref="DefaultRangeNights"/> by default, at most <see cref="MaxRangeNights"/>.</summary>
    public static (DateOnly From, DateOnly To) CountsRange(DateOnly? from, DateOnly? to, DateOnly today)
    {
        var first = from ?? today;
        var end = to ?? first.AddDays(DefaultRangeNights);
        var e = new FieldErrors();
        e.Date("from", first, today.AddDays(-HistoryDays), today.AddDays(366));
        if (end <= first)
        {
            e.Add("to", "must be after from.");
        }
        else if (end.DayNumber - first.DayNumber > MaxRangeNights)
        {
            e.Add("to", $"a range is at most {MaxRangeNights} nights.");
        }

        e.ThrowIfAny();
        return (first, end);
    }

    /// <summary>The nights the stay takes.</summary>
    public static IEnumerable<DateOnly> Nights(this Reservation reservation) => NightsOf(reservation.From, reservation.Until);

    public static IEnumerable<DateOnly> NightsOf(DateOnly from, DateOnly to)
    {
        for (var night = from; night < to; night = night.AddDays(1))
        {
            yield return night;
        }
    }

    /// <summary>A confirmed stay nobody checked in to is released when its first night's day ends.</summary>
    public static DateTimeOffset NoShowDeadline(DateOnly from) => StartOf(from.AddDays(1));

    /// <summary>The end of the day of leaving: until then a checked-in worker counts as lodged.</summary>
    public static DateTimeOffset StayEnd(DateOnly to) => StartOf(to.AddDays(1));

    private static DateTimeOffset StartOf(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}
