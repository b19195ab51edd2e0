using System.Globalization;

namespace Matching.Lodging;

/// <summary>
/// Reservation ids: <c>{siteId}~r{n}</c>. The site is read from the id alone, so a route reaches the one grain
/// that owns the reservation without a lookup; '~' never occurs in a caller's id.
/// </summary>
public static class ReservationKey
{
    private const string Marker = "~r";

    public static string Of(string siteId, int number) => $"{siteId}{Marker}{number.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The number of a well-formed reservation id, else null.</summary>
    public static int? NumberOf(string reservationId) =>
        SiteOf(reservationId) is { } site ? int.Parse(reservationId.AsSpan(site.Length + Marker.Length), CultureInfo.InvariantCulture) : null;

    /// <summary>The site of a well-formed reservation id, else null (the caller answers 404).</summary>
    public static string? SiteOf(string? reservationId)
    {
        if (string.IsNullOrEmpty(reservationId))
        {
            return null;
        }

        var at = reservationId.LastIndexOf(Marker, StringComparison.Ordinal);
        if (at <= 0)
        {
            return null;
        }

        var number = reservationId[(at + Marker.Length)..];
        var site = reservationId[..at];
        return number.Length is > 0 and <= 9 && number.All(char.IsAsciiDigit) && Validation.FieldErrors.IsValidId(site) ? site : null;
    }
}
