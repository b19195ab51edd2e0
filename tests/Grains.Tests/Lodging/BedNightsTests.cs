using Matching.Lodging;

namespace Matching.Tests.Lodging;

public sealed class BedNightsTests
{
    private static readonly DateOnly _day = new(2026, 3, 2);

    private static Reservation Stay(string id, string bed, int from, int to, ReservationStatus status = ReservationStatus.Held) => new()
    {
        ReservationId = id,
        BedId = bed,
        From = _day.AddDays(from),
        To = _day.AddDays(to),
        Until = _day.AddDays(to),
        Status = status,
    };

    [Fact]
    public void A_bed_night_takes_one_holder_only()
    {
        var nights = new BedNights();
        nights.Add(Stay("r1", "b1", 0, 3));

        Assert.Throws<InvalidOperationException>(() => nights.Add(Stay("r2", "b1", 2, 4)));
        Assert.Equal("r1", nights.At("b1", _day.AddDays(2))?.ReservationId);
        Assert.Null(nights.At("b1", _day.AddDays(3)));
        nights.Add(Stay("r3", "b1", 3, 5));
        Assert.Equal(["r1", "r1", "r1", "r3", "r3"], Enumerable.Range(0, 5).Select(d => nights.At("b1", _day.AddDays(d))?.ReservationId));
    }

    [Fact]
    public void The_free_bed_is_free_on_every_night()
    {
        var nights = new BedNights();
        nights.Add(Stay("r1", "b1", 2, 3));
        nights.Add(Stay("r2", "b2", 0, 1));

        Assert.Equal("b3", nights.FreeBed(["b1", "b2", "b3"], _day, _day.AddDays(3)));
        Assert.Null(nights.FreeBed(["b1", "b2"], _day, _day.AddDays(3)));
        Assert.Empty(nights.FullNights(["b1", "b2"], _day, _day.AddDays(3)));
        Assert.Equal([_day.AddDays(2)], nights.FullNights(["b1"], _day, _day.AddDays(3)));
    }

    [Fact]
    public void Removing_a_stay_leaves_other_holders_alone()
    {
        var nights = new BedNights();
        var first = Stay("r1", "b1", 0, 2);
        nights.Add(first);

        nights.Remove(Stay("r9", "b1", 0, 2));
        Assert.Same(first, nights.At("b1", _day));
        Assert.Same(first, nights.At("b1", _day.AddDays(1)));
        nights.Remove(first);
        Assert.Null(nights.At("b1", _day));
        Assert.Null(nights.At("b1", _day.AddDays(1)));
    }

    [Fact]
    public void Counts_split_held_and_occupied_and_never_free_a_bed_out_of_service()
    {
        var nights = new BedNights();
        nights.Add(Stay("r1", "b1", 0, 1));
        nights.Add(Stay("r2", "b2", 0, 1, ReservationStatus.Occupied));
        nights.Add(Stay("r3", "b3", 0, 1));
        BedInfo[] beds = [new("b1", "1"), new("b2", "2"), new("b3", "3"), new("b4", "4"), new("b5", "5")];

        var counts = nights.CountsOn(_day, beds, new HashSet<string> { "b3", "b4" });

        Assert.Equal(new NightCounts(_day, 5, 1, 2, 1), counts);
    }
}
