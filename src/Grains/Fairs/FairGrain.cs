using Matching.Employers;
using Matching.Errors;
using Matching.Feeds;
using Matching.Index;
using Matching.JobOrders;
using Matching.Reference;
using Matching.Workers;
using Microsoft.Extensions.DependencyInjection;

namespace Matching.Fairs;

public sealed class FairGrain(
    [PersistentState(StorageNames.Fair, StorageNames.Main)] IPersistentState<FairState> state,
    ShardRouter shards,
    ReferenceData refs,
    [FromKeyedServices(MatchingClock.Key)] TimeProvider time) : Grain, IFairGrain
{
    private const string Kind = "Fair";

    private string Id => this.GetPrimaryKeyString();

    public async Task<FairView> CreateAsync(FairProfile profile)
    {
        if (state.State.WasCreatedByThisRequest(Kind, Id))
        {
            return View();
        }

        state.State.Profile = await NormalizeAsync(profile);
        state.State.Status = FairStatus.Scheduled;
        await SaveAsync();
        return View();
    }

    public async Task<FairView> UpdateAsync(FairProfile profile)
    {
        state.State.Require(Kind, Id);
        RequireScheduled();
        state.State.Profile = await NormalizeAsync(profile);
        await SaveAsync();
        return View();
    }

    public async Task<FairView> CloseAsync()
    {
        state.State.Require(Kind, Id);
        RequireScheduled();
        state.State.Summary = await FairDay.SummarizeAsync(GrainFactory, state.State, time.GetUtcNow());
        state.State.Status = FairStatus.Closed;
        await SaveAsync(BoardFeed(FairDay.Closed(Id, state.State.Summary)));
        return View();
    }

    public Task<FairView> GetAsync()
    {
        state.State.Require(Kind, Id);
        return Task.FromResult(View());
    }

    public Task<bool> HasVisitorAsync(string workerId) => Task.FromResult(state.State.Visitors.ContainsKey(workerId));

    public async Task<CheckInResult> CheckInAsync(string workerId)
    {
        var fair = state.State.Require(Kind, Id);
        RequireScheduled();
        if (!Validation.FieldErrors.IsValidId(workerId))
        {
            throw ValidationFailedException.For("workerId", "is required and must be a valid id.");
        }

        if (state.State.Visitors.TryGetValue(workerId, out var earlier))
        {
            return new CheckInResult(Id, workerId, state.State.CheckIns, earlier) { Repeat = true };
        }

        var worker = await GrainFactory.GetGrain<IWorkerGrain>(workerId).GetAsync();
        var (match, line) = await BestMatchAsync(fair, worker);

        var s = state.State;
        s.Visitors[workerId] = match;
        s.CheckIns++;
        s.CheckInLog.Add(new FairCheckIn(workerId, time.GetUtcNow(), worker.OriginProvince, worker.OriginPrefecture, worker.OriginCounty, match?.JobOrderId));
        Count(s.ByProvince, worker.OriginProvince);
        Count(s.ByPrefecture, worker.OriginPrefecture.Length > 0 ? worker.OriginPrefecture : worker.OriginProvince);
        if (line is not null)
        {
            s.Matched++;
            s.Recent.Add(line);
            if (s.Recent.Count > FairState.RecentKept)
            {
                s.Recent.RemoveAt(0);
            }
        }

        var board = Board();
        List<FeedEvent> events =
        [
            new BoardChanged
            {
                FairId = Id,
                CheckIns = board.CheckIns,
                Matched = board.Matched,
                ByProvince = board.ByProvince,
                ByPrefecture = board.ByPrefecture,
            },
        ];
        if (line is not null)
        {
            events.Add(new MatchMade { FairId = Id, Line = line.Line, Trade = line.Trade, OriginPrefecture = line.OriginPrefecture, Score = line.Score, At = line.At });
        }

        await SaveAsync(BoardFeed([.. events]));
        return new CheckInResult(Id, workerId, s.CheckIns, match);
    }

    public Task<FairBoard> GetBoardAsync()
    {
        state.State.Require(Kind, Id);
        return Task.FromResult(Board());
    }

    /// <summary>The visitor's best open order among the fair's employers, with its anonymised ticker line.</summary>
    private async Task<(FairMatch? Match, TickerLine? Line)> BestMatchAsync(FairProfile fair, WorkerView worker)
    {
        if (!ShardRouter.InSearch(worker.Status))
        {
            return (null, null);
        }

        var participants = fair.EmployerIds.ToHashSet(StringComparer.Ordinal);
        var best = (await shards.MatchesAsync(worker)).FirstOrDefault(j => participants.Contains(j.EmployerId));
        if (best is null)
        {
            return (null, null);
        }

        var orderTask = GrainFactory.GetGrain<IJobOrderGrain>(best.JobOrderId).GetAsync();
        var employerTask = GrainFactory.GetGrain<IEmployerGrain>(best.EmployerId).GetAsync();
        var (order, employer) = (await orderTask, await employerTask);
        var trade = refs.Trades.TryGetValue(order.Trade, out var label) ? label : order.Trade;
        var origin = ReferenceData.YunnanPrefectures.TryGetValue(worker.OriginPrefecture, out var prefecture) && worker.OriginProvince == "yunnan"
            ? prefecture
            : ReferenceData.Provinces.TryGetValue(worker.OriginProvince, out var province) ? province : worker.OriginProvince;
        var text = $"{trade} · {origin} → {Anonymous(employer.Name)} · {best.Score}分";
        return (new FairMatch(best.JobOrderId, best.EmployerId, best.Score, text),
            new TickerLine(text, order.Trade, worker.OriginPrefecture, best.Score, time.GetUtcNow()));
    }

    /// <summary>"上海某重工集团" → "某集团": the screen names the kind of employer, not the employer.</summary>
    private static string Anonymous(string employerName) =>
        "某" + (employerName.Length <= 2 ? employerName : employerName[^2..]);

    private static void Count(Dictionary<string, int> counts, string key) =>
        counts[key] = counts.TryGetValue(key, out var n) ? n + 1 : 1;

    private FairBoard Board() => new(
        Id,
        state.State.Profile!.Name,
        state.State.CheckIns,
        state.State.Matched,
        new Dictionary<string, int>(state.State.ByProvince),
        new Dictionary<string, int>(state.State.ByPrefecture),
        [.. state.State.Recent])
    {
        Status = state.State.Status,
        Summary = state.State.Summary,
    };

    private async Task<FairProfile> NormalizeAsync(FairProfile profile)
    {
        var normalized = FairRules.Normalize(profile, Id, time.Today());
        var found = await Task.WhenAll(normalized.EmployerIds.Select(id => GrainFactory.GetGrain<IEmployerGrain>(id).FindAsync()));
        var missing = normalized.EmployerIds.Where((_, i) => found[i] is null).ToArray();
        if (missing.Length > 0)
        {
            throw ValidationFailedException.For("employerIds", $"unknown employers: {string.Join(", ", missing.Take(10))}.");
        }

        return normalized;
    }

    private void RequireScheduled()
    {
        if (state.State.Status == FairStatus.Closed)
        {
            throw new ConflictException(ProblemCodes.FairClosed, $"fair '{Id}' is closed.");
        }
    }

    private Task SaveAsync(params DerivedUpdate[] derived) =>
        this.SaveAsync<FairState, FairProfile>(GrainFactory, state, StorageNames.Fair, time.GetUtcNow(), derived);

    /// <summary>The fair's big screen; its events carry whole figures, so the next one repairs a missed one.</summary>
    private DerivedUpdate BoardFeed(params FeedEvent[] events) => DerivedUpdate.Feed(GrainFactory, FeedChannel.Fair(Id), events);

    private FairView View() => new(state.State.Profile!)
    {
        Status = state.State.Status,
        CheckIns = state.State.CheckIns,
        CreatedAt = state.State.CreatedAt,
        UpdatedAt = state.State.UpdatedAt,
    };
}
