using System.Text.Json.Nodes;

namespace Matching.History;

/// <summary>
/// Reads the final state back from the product and holds it against the recorded history: what was answered 2xx
/// exists, no slot, worker or bed-night is taken twice, every retry got the first answer, the derived state agrees
/// with the entities, and a fresh engine (a restart rebuilds every list from the store) ranks as the live one did.
/// </summary>
internal sealed class Checker(HistoryRun run)
{
    private readonly List<string> _violations = [];
    private readonly Dictionary<string, int> _checked = [];

    public IReadOnlyList<string> Violations => _violations;

    public IReadOnlyDictionary<string, int> Checked => _checked;

    private RecordedHistory History => run.History;

    /// <summary>Every check that reads the state as the history left it.</summary>
    public async Task CheckStateAsync()
    {
        var operations = History.Operations.ToList();
        CheckRetries(operations);
        var slots = new Dictionary<string, JsonNode>();
        foreach (var order in run.Known.Orders.Keys)
        {
            slots[order] = (await History.ReadAsync($"/api/job-orders/{order}/holds"))!;
        }

        var now = DateTimeOffset.UtcNow;
        var hiredWhere = new Dictionary<string, string>();
        var heldWhere = new Dictionary<string, string>();
        foreach (var (order, s) in slots)
        {
            var view = (await History.ReadAsync($"/api/job-orders/{order}"))!;
            var headcount = view["headcount"]!.GetValue<int>();
            var hires = s["hires"]!.AsArray();
            var live = s["holds"]!.AsArray().Where(h => h!["expiresAt"]!.GetValue<DateTimeOffset>() > now).ToList();
            Count("orders within headcount");
            if (hires.Count + live.Count > headcount && view["status"]!.GetValue<string>() == "open")
            {
                Violation($"order {order}: {hires.Count} hired + {live.Count} held > headcount {headcount}");
            }

            if (hires.Count > headcount)
            {
                Violation($"order {order}: {hires.Count} hired > headcount {headcount}");
            }

            foreach (var hire in hires)
            {
                var worker = hire!["workerId"]!.GetValue<string>();
                Count("workers hired once");
                if (!hiredWhere.TryAdd(worker, order))
                {
                    Violation($"worker {worker} hired by {hiredWhere[worker]} and by {order}");
                }
            }

            foreach (var hold in live)
            {
                var worker = hold!["workerId"]!.GetValue<string>();
                Count("workers held once");
                if (!heldWhere.TryAdd(worker, order) || hiredWhere.ContainsKey(worker))
                {
                    Violation($"worker {worker} held by {order} while held or hired elsewhere");
                }
            }
        }

        foreach (var confirm in operations.Where(o => o.Kind == "confirm" && o.Succeeded))
        {
            var holdId = confirm.Path.Split('/')[3];
            var order = holdId[..holdId.LastIndexOf('~')];
            var worker = confirm.Final!.Json?["workerId"]?.GetValue<string>();
            Count("answered hires kept");
            if (!slots[order]["hires"]!.AsArray().Any(h => h!["holdId"]!.GetValue<string>() == holdId))
            {
                Violation($"hire {holdId} was answered {confirm.Final.Status} but order {order} does not have it");
            }

            var seen = worker is null ? null : await History.ReadAsync($"/api/workers/{worker}");
            if (seen?["status"]?.GetValue<string>() != "hired" || seen["hire"]?["holdId"]?.GetValue<string>() != holdId)
            {
                Violation($"hire {holdId} was answered {confirm.Final.Status} but worker {worker} is {seen?["status"]}");
            }
        }

        await CheckStaysAsync(operations, now);

        var consistency = (await History.ReadAsync("/api/admin/consistency"))!;
        Count("consistency checks");
        foreach (var check in consistency["checks"]!.AsArray().Where(c => c!["store"]!.GetValue<int>() != c["derived"]!.GetValue<int>()))
        {
            Violation($"consistency: {check!.ToJsonString()}");
        }
    }

    /// <summary>The lists every open order shows, to compare with a fresh engine's after a restart.</summary>
    public async Task<Dictionary<string, string>> ListsAsync()
    {
        var lists = new Dictionary<string, string>();
        foreach (var order in run.Known.Orders.Keys.Order(StringComparer.Ordinal))
        {
            var page = await History.ReadAsync($"/api/job-orders/{order}/candidates?skip=0&take=50");
            lists[order] = string.Join(",", page?["items"]?.AsArray().Select(c => $"{c!["workerId"]}:{c["score"]}") ?? []);
        }

        return lists;
    }

    public void CompareLists(Dictionary<string, string> live, Dictionary<string, string> fresh)
    {
        foreach (var (order, list) in live)
        {
            Count("lists as a fresh engine ranks them");
            if (fresh.GetValueOrDefault(order) != list)
            {
                Violation($"order {order}: the live list [{list}] differs from the fresh engine's [{fresh.GetValueOrDefault(order)}]");
            }
        }
    }

    public void AddScreenViolations(IEnumerable<string> violations)
    {
        foreach (var violation in violations)
        {
            Violation(violation);
        }

        Count("screens", run.Screens.Count);
    }

    /// <summary>Every attempt that got a kept answer got the same one: status and body.</summary>
    private void CheckRetries(List<Operation> operations)
    {
        foreach (var op in operations)
        {
            List<Answer> kept;
            lock (op.Answers)
            {
                kept = [.. op.Answers.Where(a => a.IsFinal)];
            }

            if (kept.Count > 1)
            {
                Count("retries answered the first answer");
                if (kept.Skip(1).Any(a => a != kept[0]))
                {
                    Violation($"{op.Method} {op.Path} key {op.Key}: answers {string.Join(" / ", kept.Select(a => $"{a.Status} {a.Body}"))}");
                }
            }

            // A create whose answer was lost in a kill, retried after the entity was written but before its answer
            // was stored, finds the entity: the client hears 409 for its own creation. Counted apart (see BENCHMARKS.md).
            if (op.Answers.Count > 1 && op.Answers[0].Status == 0 && op.Final is { Status: 409 } final && final.Body.Contains("\"already-exists\"", StringComparison.Ordinal))
            {
                Count("creates answered 409 after their first answer was lost");
            }

            if (op.Final is null)
            {
                Violation($"{op.Method} {op.Path}: no answer after {op.Answers.Count} attempts");
            }
        }
    }

    /// <summary>Checked-in stays exist as such, and no two live stays share a bed-night.</summary>
    private async Task CheckStaysAsync(List<Operation> operations, DateTimeOffset now)
    {
        var stays = new List<JsonNode>();
        foreach (var id in run.Known.Reservations.Distinct())
        {
            // A stay the product does not find holds no bed; a checked-in one missing is a violation below.
            if (await History.ReadAsync($"/api/lodging/reservations/{id}") is { } stay)
            {
                stays.Add(stay);
            }
        }

        var byId = stays.ToDictionary(s => s["reservationId"]!.GetValue<string>());
        foreach (var checkIn in operations.Where(o => o.Kind == "stay-check-in" && o.Succeeded))
        {
            var id = checkIn.Path.Split('/')[4];
            Count("answered check-ins kept");
            var status = byId.TryGetValue(id, out var stay) ? stay["status"]!.GetValue<string>() : "gone";
            if (status is not ("occupied" or "completed"))
            {
                Violation($"stay {id} was checked in (answered {checkIn.Final!.Status}) but is {status}");
            }
        }

        var nights = new Dictionary<(string Bed, DateOnly Night), string>();
        foreach (var stay in stays)
        {
            var status = stay["status"]!.GetValue<string>();
            var expiresAt = stay["expiresAt"] is { } e ? DateTimeOffset.Parse(e.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture) : (DateTimeOffset?)null;
            var keeps = status is "occupied" || (status is "held" or "confirmed" && expiresAt > now);
            if (!keeps)
            {
                continue;
            }

            var bed = stay["bedId"]!.GetValue<string>();
            var until = DateOnly.Parse(stay["until"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
            for (var night = DateOnly.Parse(stay["from"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture); night < until; night = night.AddDays(1))
            {
                Count("bed-nights held once");
                if (!nights.TryAdd((bed, night), stay["reservationId"]!.GetValue<string>()))
                {
                    Violation($"bed {bed} night {night}: {nights[(bed, night)]} and {stay["reservationId"]}");
                }
            }
        }
    }

    private void Count(string check, int by = 1) => _checked[check] = _checked.GetValueOrDefault(check) + by;

    private void Violation(string text) => _violations.Add(text);
}
