using Matching.Fairs;
using Matching.JobOrders;
using Matching.Lodging;
using Matching.Reference;
using Matching.Workers;

namespace Matching.Reports;

/// <summary>
/// The figures officials report, computed from the entities alone (pure: no grain calls, no clock of its own).
/// Each report says in its columns what it counts; the README's Reports section gives the definitions.
/// </summary>
public static class Reports
{
    private const string NoProgramme = "无合作项目";

    public static ReportTable Build(string report, ReportData data, ReportQuery query, ReferenceData refs, DateTimeOffset now) => report switch
    {
        ReportKinds.Placements => Placements(data, query, refs, now),
        ReportKinds.Interns => Interns(data, query, now),
        ReportKinds.Lodging => Lodging(data, query, now),
        ReportKinds.Fairs => FairDays(data, query, refs, now),
        _ => throw new ArgumentException($"No report '{report}'.", nameof(report)),
    };

    /// <summary>A hire made within the range, with the worker and the employer it joined.</summary>
    private readonly record struct Placement(SlotHire Hire, JobOrderProfile Order, WorkerProfile Worker, Employers.EmployerProfile? Employer);

    /// <summary>Hires whose day (Shanghai time) is in the range, of the caller's employer only when it is a recruiter.</summary>
    private static IEnumerable<Placement> Placements(ReportData data, ReportQuery query)
    {
        foreach (var order in data.JobOrders.Values)
        {
            if (order.Profile is not { } profile || (query.EmployerId is { } own && profile.EmployerId != own))
            {
                continue;
            }

            foreach (var hire in order.Hires)
            {
                if (query.Covers(ShanghaiTime.DateOf(hire.HiredAt))
                    && data.Workers.TryGetValue(hire.WorkerId, out var worker) && worker.Profile is { } person)
                {
                    yield return new Placement(hire, profile, person, data.Employers.GetValueOrDefault(profile.EmployerId)?.Profile);
                }
            }
        }
    }

    private static readonly ReportColumn[] _placementValues =
    [
        new("hires", "录用人数"),
        new("ruralLabour", "其中农村劳动力"),
        new("povertyAlleviated", "其中脱贫劳动力"),
        new("studentIntern", "其中在校生/实习生"),
    ];

    private static ReportTable Placements(ReportData data, ReportQuery query, ReferenceData refs, DateTimeOffset now)
    {
        var builder = new ReportBuilder(_placementValues.Length);
        foreach (var p in Placements(data, query))
        {
            foreach (var group in PlacementGroups(p, query.GroupBy, refs))
            {
                builder.Count(group, 0, p.Hire.HoldId);
                for (var c = 1; c < _placementValues.Length; c++)
                {
                    if (p.Worker.Categories.Contains(_placementValues[c].Key, StringComparer.Ordinal))
                    {
                        builder.Count(group, c, p.Hire.HoldId);
                    }
                }
            }
        }

        ReportColumn[] columns = query.GroupBy switch
        {
            "province" => [new("province", "省份")],
            "prefecture" => [new("province", "省份"), new("prefecture", "州市")],
            "county" => [new("province", "省份"), new("prefecture", "州市"), new("county", "县区")],
            "category" => [new("category", "人员类别")],
            "trade" => [new("trade", "工种")],
            "district" => [new("district", "用人单位所在区")],
            _ => [new("employer", "重点企业")],
        };
        return Table(ReportKinds.Placements, "来沪就业（录用）人数", query, columns, _placementValues, builder, now);
    }

    private static IEnumerable<ReportGroup> PlacementGroups(Placement p, string groupBy, ReferenceData refs)
    {
        var province = (p.Worker.OriginProvince, Label(ReferenceData.Provinces, p.Worker.OriginProvince));
        var prefecture = (p.Worker.OriginPrefecture, PrefectureLabel(p.Worker.OriginPrefecture));
        var county = (p.Worker.OriginCounty, p.Worker.OriginCounty.Length > 0 ? p.Worker.OriginCounty : "（未填）");
        switch (groupBy)
        {
            case "province":
                yield return ReportGroup.Of(province);
                break;
            case "prefecture":
                yield return ReportGroup.Of(province, prefecture);
                break;
            case "county":
                yield return ReportGroup.Of(province, prefecture, county);
                break;
            case "category":
                foreach (var category in p.Worker.Categories.Length > 0 ? p.Worker.Categories : [""])
                {
                    yield return ReportGroup.Of((category, category.Length > 0 ? Label(ReferenceData.WorkerCategoryLabels, category) : "（未分类）"));
                }

                break;
            case "trade":
                yield return ReportGroup.Of((p.Order.Trade, Label(refs.Trades, p.Order.Trade)));
                break;
            case "district":
                var district = p.Employer?.District ?? p.Order.District;
                yield return ReportGroup.Of((district, Label(ReferenceData.Districts, district)));
                break;
            default:
                yield return p.Employer is { IsKeyEnterprise: true } key
                    ? ReportGroup.Of((p.Order.EmployerId, key.Name))
                    : ReportGroup.Of(("", "（非重点企业）"));
                break;
        }
    }

    private static readonly ReportColumn[] _internValues =
    [
        new("placed", "实习人数"),
        new("interning", "仍在实习"),
        new("converted", "已转为就业"),
        new("left", "已离开"),
    ];

    /// <summary>
    /// The internships that began within the range, and where each stands now: interning, converted to employment
    /// (whatever came after), or left while an intern. So placed = interning + converted + left on every row.
    /// </summary>
    private static ReportTable Interns(ReportData data, ReportQuery query, DateTimeOffset now)
    {
        var builder = new ReportBuilder(_internValues.Length);
        foreach (var p in Placements(data, query))
        {
            var hire = p.Hire;
            if (!Engagements.BeganAsInternship(hire.Kind, hire.ConvertedAt))
            {
                continue;
            }

            var column = hire.ConvertedAt is not null ? 2 : hire.LeftAt is not null ? 3 : 1;
            IEnumerable<ReportGroup> groups = query.GroupBy == "employer"
                ? [ReportGroup.Of((p.Order.EmployerId, p.Employer?.Name ?? p.Order.EmployerId))]
                : p.Worker.Programmes.Length > 0
                    ? p.Worker.Programmes.Select(name => ReportGroup.Of((name, name)))
                    : [ReportGroup.Of(("", NoProgramme))];
            foreach (var group in groups)
            {
                builder.Count(group, 0, hire.HoldId);
                builder.Count(group, column, hire.HoldId);
            }
        }

        ReportColumn[] columns = query.GroupBy == "employer" ? [new("employer", "用人单位")] : [new("programme", "合作项目（院校/地区）")];
        return Table(ReportKinds.Interns, "校企合作实习与转正", query, columns, _internValues, builder, now);
    }

    private static readonly ReportColumn[] _lodgingValues =
    [
        new("beds", "床位数"),
        new("bedNightsOffered", "可提供床位夜"),
        new("bedNightsHeld", "预留床位夜"),
        new("bedNightsUsed", "已入住床位夜"),
        new("stays", "入住人次"),
        new("newHiresLodged", "入住新录用人员"),
        new("keyEnterprises", "服务重点企业"),
        new("averageNights", "平均入住夜数"),
    ];

    /// <summary>
    /// Nights within the range: offered (beds in service × nights), held (kept for a stay not yet slept, future
    /// nights of a stay in progress included) and used (slept, up to tonight). A stay counts when it used a night
    /// in the range; new hires are its workers admitted as an employer's hire or hold, not on a credit commitment.
    /// </summary>
    private static ReportTable Lodging(ReportData data, ReportQuery query, DateTimeOffset now)
    {
        var builder = new ReportBuilder(_lodgingValues.Length);
        // Tonight as the sites count it (their calendar of nights), so "used" agrees with their availability counts.
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var nights = query.To.DayNumber - query.From.DayNumber + 1;
        foreach (var (siteId, site) in data.Sites)
        {
            if (site.Profile is not { } profile)
            {
                continue;
            }

            var group = query.GroupBy == "town"
                ? ReportGroup.Of((profile.Town, profile.Town.Length > 0 ? profile.Town : "（未填）"))
                : ReportGroup.Of((siteId, profile.Name));
            var beds = site.Beds.Count(b => !site.OutOfService.Contains(b.Id));
            builder.Add(group, 0, beds);
            builder.Add(group, 1, (double)beds * nights);
            foreach (var stay in data.StaysOf(siteId).Select(r => r.At(now)))
            {
                if (query.EmployerId is { } own && stay.EmployerId != own)
                {
                    continue;
                }

                var held = 0;
                var used = 0;
                foreach (var night in stay.Nights().Where(query.Covers))
                {
                    if (stay.IsOccupancy && night <= today)
                    {
                        used++;
                    }
                    else if (stay.KeepsNights)
                    {
                        held++;
                    }
                }

                builder.Add(group, 2, held);
                builder.Add(group, 3, used);
                if (used == 0)
                {
                    continue;
                }

                builder.Count(group, 4, stay.ReservationId);
                if (stay.EmployerId is { } employer && stay.Basis != LodgingEligibility.OnCreditCommitment)
                {
                    builder.Count(group, 5, stay.WorkerId);
                    builder.Count(group, 6, employer);
                }
            }
        }

        ReportColumn[] columns = query.GroupBy == "town" ? [new("town", "镇")] : [new("site", "客栈")];
        return Table(ReportKinds.Lodging, "有嘉客栈床位与入住", query, columns, _lodgingValues, builder, now,
            v => v[7] = v[4] > 0 ? Math.Round(v[3] / v[4], 2) : 0);
    }

    private static readonly ReportColumn[] _fairValues =
    [
        new("checkIns", "签到人数"),
        new("matched", "匹配人数"),
        new("held", "预留人数"),
        new("hired", "录用人数"),
    ];

    /// <summary>
    /// Visitors of the fairs held within the range (or of one fair): checked in; matched on arrival to an order of
    /// a participating employer; held by one after arriving (holds live now, and those that became hires); hired
    /// by one after arriving. For a recruiter, matched, held and hired count its own employer's orders only.
    /// </summary>
    private static ReportTable FairDays(ReportData data, ReportQuery query, ReferenceData refs, DateTimeOffset now)
    {
        var engaged = EngagementsByWorker(data, now);
        var builder = new ReportBuilder(_fairValues.Length);
        foreach (var (fairId, fair) in data.Fairs.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            if (fair.Profile is not { } profile
                || (query.FairId is { } only ? only != fairId : !query.Covers(profile.Date))
                || (query.EmployerId is { } own && !profile.EmployerIds.Contains(own, StringComparer.Ordinal)))
            {
                continue;
            }

            var counted = query.EmployerId is { } mine
                ? new HashSet<string>(StringComparer.Ordinal) { mine }
                : profile.EmployerIds.ToHashSet(StringComparer.Ordinal);
            if (query.GroupBy == "fair")
            {
                builder.Touch(FairGroup(query.GroupBy, fairId, profile, null));
            }

            foreach (var visit in fair.CheckInLog)
            {
                var group = FairGroup(query.GroupBy, fairId, profile, visit);
                var member = $"{fairId}\u001f{visit.WorkerId}";
                builder.Count(group, 0, member);
                if (visit.MatchedJobOrderId is { } matched
                    && data.JobOrders.TryGetValue(matched, out var order) && order.Profile is { } o && counted.Contains(o.EmployerId))
                {
                    builder.Count(group, 1, member);
                }

                foreach (var e in engaged.GetValueOrDefault(visit.WorkerId) ?? [])
                {
                    if (e.At >= visit.At && counted.Contains(e.EmployerId))
                    {
                        builder.Count(group, 2, member);
                        if (e.Hired)
                        {
                            builder.Count(group, 3, member);
                        }
                    }
                }
            }
        }

        ReportColumn[] columns = query.GroupBy switch
        {
            "hour" => [new("hour", "时段")],
            "province" => [new("province", "省份")],
            "prefecture" => [new("province", "省份"), new("prefecture", "州市")],
            _ => [new("fair", "招聘会")],
        };
        var table = Table(ReportKinds.Fairs, "招聘会现场", query, columns, _fairValues, builder, now);
        if (query.GroupBy == "hour")
        {
            // Hours read in the order of the day, not by size.
            table = table with { Rows = [.. table.Rows.OrderBy(r => r.Keys[0], StringComparer.Ordinal)] };
        }

        return query.FairId is { } id && data.Fairs.TryGetValue(id, out var day) && day.Profile is { } p
            ? table with { From = p.Date, To = p.Date, FairId = id }
            : table;
    }

    /// <summary>A fair visitor's row; a fair's own row needs no visit (a fair without visitors still shows).</summary>
    private static ReportGroup FairGroup(string groupBy, string fairId, FairProfile fair, FairCheckIn? visit) => groupBy switch
    {
        "hour" when visit is not null => ReportGroup.Of(($"{ShanghaiTime.Of(visit.At).Hour:00}", $"{ShanghaiTime.Of(visit.At).Hour:00}:00–{ShanghaiTime.Of(visit.At).Hour + 1:00}:00")),
        "province" when visit is not null => ReportGroup.Of((visit.OriginProvince, Label(ReferenceData.Provinces, visit.OriginProvince))),
        "prefecture" when visit is not null => ReportGroup.Of(
            (visit.OriginProvince, Label(ReferenceData.Provinces, visit.OriginProvince)),
            (visit.OriginPrefecture, PrefectureLabel(visit.OriginPrefecture))),
        _ => ReportGroup.Of((fairId, $"{fair.Name}（{fair.Date:yyyy-MM-dd}）")),
    };

    /// <summary>A hold live now or a hire: which employer, since when.</summary>
    private readonly record struct Engaged(string EmployerId, DateTimeOffset At, bool Hired);

    private static Dictionary<string, List<Engaged>> EngagementsByWorker(ReportData data, DateTimeOffset now)
    {
        var byWorker = new Dictionary<string, List<Engaged>>(StringComparer.Ordinal);
        foreach (var order in data.JobOrders.Values)
        {
            if (order.Profile is not { } profile)
            {
                continue;
            }

            foreach (var hold in order.Holds.Where(h => h.IsLive(now)))
            {
                Add(hold.WorkerId, new Engaged(profile.EmployerId, hold.CreatedAt, false));
            }

            foreach (var hire in order.Hires)
            {
                Add(hire.WorkerId, new Engaged(profile.EmployerId, hire.HiredAt, true));
            }
        }

        return byWorker;

        void Add(string workerId, Engaged e)
        {
            if (!byWorker.TryGetValue(workerId, out var list))
            {
                byWorker[workerId] = list = [];
            }

            list.Add(e);
        }
    }

    private static ReportTable Table(
        string report, string title, ReportQuery query, ReportColumn[] groupColumns, ReportColumn[] valueColumns,
        ReportBuilder builder, DateTimeOffset now, Action<double[]>? derive = null)
    {
        var (rows, total) = builder.Build(derive);
        return new ReportTable(report, title, query.From, query.To, query.GroupBy, groupColumns, valueColumns, rows, total, now);
    }

    private static string Label(IReadOnlyDictionary<string, string> labels, string code) =>
        code.Length == 0 ? "（未填）" : labels.TryGetValue(code, out var label) ? label : code;

    private static string PrefectureLabel(string code) =>
        code.Length == 0 ? "（未填）"
        : ReferenceData.YunnanPrefectures.TryGetValue(code, out var yunnan) ? yunnan
        : Label(ReferenceData.OtherPrefectureLabels, code);
}
