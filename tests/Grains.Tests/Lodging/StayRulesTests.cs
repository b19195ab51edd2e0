using Matching.Errors;
using Matching.Holds;
using Matching.JobOrders;
using Matching.Lodging;
using Matching.Validation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Matching.Tests.Lodging;

public sealed class StayRulesTests
{
    private static readonly DateOnly _today = new(2026, 3, 2);
    private static readonly LodgingOptions _options = new();

    private static StayRequest Request(int fromDays = 1, int nights = 3) => new()
    {
        WorkerId = "w1",
        SiteId = "site1",
        From = _today.AddDays(fromDays),
        To = _today.AddDays(fromDays + nights),
    };

    private static string[] Fields(StayRequest request) =>
        [.. Assert.Throws<ValidationFailedException>(() => StayRules.Normalize(request, "site1", _options, _today)).Errors.Keys.Order()];

    [Fact]
    public void A_valid_request_takes_the_default_hold_time()
    {
        var stay = StayRules.Normalize(Request() with { WorkerId = " w1 " }, "site1", _options, _today);

        Assert.Equal("w1", stay.WorkerId);
        Assert.Equal(TimeSpan.FromSeconds(1800), stay.HoldTtl);
        Assert.Null(stay.CreditCommitment);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(0, 15)]
    [InlineData(60, 15)]
    public void Stays_from_today_up_to_sixty_days_ahead_of_one_to_fifteen_nights_pass(int fromDays, int nights) =>
        StayRules.Normalize(Request(fromDays, nights), "site1", _options, _today);

    [Theory]
    [InlineData(-1, 3, "from")]
    [InlineData(61, 3, "from")]
    [InlineData(1, 0, "to")]
    [InlineData(1, -2, "to")]
    [InlineData(1, 16, "to")]
    public void Nights_out_of_bounds_are_field_errors(int fromDays, int nights, string field) =>
        Assert.Equal([field], Fields(Request(fromDays, nights)));

    [Fact]
    public void Every_broken_rule_is_reported_at_once()
    {
        var request = new StayRequest
        {
            WorkerId = "../etc",
            SiteId = "other",
            TtlSeconds = 5,
            CreditCommitment = new CreditCommitment { SignedBy = " " },
        };

        Assert.Equal(["creditCommitment.signedBy", "from", "siteId", "to", "ttlSeconds", "workerId"], Fields(request));
    }

    [Fact]
    public void The_hold_time_is_bounded_by_configuration()
    {
        Assert.Equal(["ttlSeconds"], Fields(Request() with { TtlSeconds = 86_401 }));
        Assert.Equal(TimeSpan.FromSeconds(60), StayRules.Normalize(Request() with { TtlSeconds = 60 }, "site1", _options, _today).HoldTtl);
    }

    [Fact]
    public void The_longest_stay_is_configurable()
    {
        var options = new LodgingOptions { MaxNights = 20 };

        var stay = StayRules.Normalize(Request(1, 20), "site1", options, _today);

        Assert.Equal(20, stay.To.DayNumber - stay.From.DayNumber);
    }

    [Fact]
    public void Counts_default_to_today_and_the_next_fourteen_nights()
    {
        Assert.Equal((_today, _today.AddDays(14)), StayRules.CountsRange(null, null, _today));
        Assert.Equal((_today.AddDays(3), _today.AddDays(17)), StayRules.CountsRange(_today.AddDays(3), null, _today));
    }

    [Theory]
    [InlineData(0, 0, "to")]
    [InlineData(5, 2, "to")]
    [InlineData(0, 63, "to")]
    [InlineData(-63, -60, "from")]
    public void Bad_count_ranges_are_field_errors(int fromDays, int toDays, string field)
    {
        var error = Assert.Throws<ValidationFailedException>(() => StayRules.CountsRange(_today.AddDays(fromDays), _today.AddDays(toDays), _today));

        Assert.Equal([field], error.Errors.Keys);
    }

    [Fact]
    public void Default_options_are_valid_and_bad_ones_are_named()
    {
        Assert.Empty(new LodgingOptions().Problems());
        var problems = new LodgingOptions { MaxNights = 0, DefaultTtlSeconds = 10, MinTtlSeconds = 60 }.Problems();

        Assert.Equal(2, problems.Count);
    }

    [Fact]
    public void Bed_holds_and_slot_holds_read_their_time_to_live_from_the_same_keys()
    {
        var options = Configured(new()
        {
            ["Matching:Lodging:DefaultTtlSeconds"] = "900",
            ["Matching:Lodging:MaxTtlSeconds"] = "3600",
            ["Matching:Holds:DefaultTtlSeconds"] = "600",
        });

        Assert.Equal((900, 60, 3600), (options.Lodging.DefaultTtlSeconds, options.Lodging.MinTtlSeconds, options.Lodging.MaxTtlSeconds));
        Assert.Equal((600, 30, 86_400), (options.Holds.DefaultTtlSeconds, options.Holds.MinTtlSeconds, options.Holds.MaxTtlSeconds));
        Assert.Equal(TimeSpan.FromSeconds(900), StayRules.Normalize(Request(), "site1", options.Lodging, _today).HoldTtl);
        var errors = new FieldErrors();
        Assert.Equal(TimeSpan.FromSeconds(600), options.Holds.Ttl(null, errors));
        options.Holds.Ttl(29, errors);
        Assert.Equal(["ttlSeconds"], Assert.Throws<ValidationFailedException>(errors.ThrowIfAny).Errors.Keys);
    }

    [Theory]
    [InlineData("Matching:Lodging:HoldTtlSeconds", "600", "Matching:Lodging: HoldTtlSeconds is now called DefaultTtlSeconds.")]
    [InlineData("Matching:Lodging:MinTtlSeconds", "0", "Matching:Lodging: hold times must satisfy")]
    [InlineData("Matching:Holds:MaxTtlSeconds", "10", "Matching:Holds: hold times must satisfy")]
    public void A_bad_or_renamed_hold_time_key_stops_the_start(string key, string value, string message)
    {
        var failure = Assert.Throws<OptionsValidationException>(() => Configured(new() { [key] = value }));

        Assert.Contains(failure.Failures, f => f.StartsWith(message, StringComparison.Ordinal));
    }

    private static (LodgingOptions Lodging, HoldOptions Holds) Configured(Dictionary<string, string?> keys)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(keys).Build();
        using var services = new ServiceCollection()
            .AddLodging(configuration)
            .AddHoldTtlOptions<HoldOptions>(configuration, HoldOptions.Section)
            .BuildServiceProvider();
        return (services.GetRequiredService<IOptions<LodgingOptions>>().Value, services.GetRequiredService<IOptions<HoldOptions>>().Value);
    }

    [Fact]
    public void Reservation_ids_name_their_site()
    {
        var id = ReservationKey.Of("site-1.a", 42);

        Assert.Equal("site-1.a~r42", id);
        Assert.Equal("site-1.a", ReservationKey.SiteOf(id));
        Assert.Null(ReservationKey.SiteOf("site-1"));
        Assert.Null(ReservationKey.SiteOf("~r1"));
        Assert.Null(ReservationKey.SiteOf("site~rx"));
        Assert.Null(ReservationKey.SiteOf("../x~r1"));
    }
}
