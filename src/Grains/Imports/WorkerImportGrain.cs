using Matching.Errors;
using Matching.Feeds;
using Matching.Workers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Utilities;

namespace Matching.Imports;

/// <summary>
/// Registers an uploaded file's rows in steps on a grain timer: the run outlives the request that started it, a
/// cancel or a progress read is heard between steps (the timer does not interleave with calls), and the state
/// records how far it got, so a run interrupted by a restart carries on when the import is next activated.
/// Each row is a normal registration (<see cref="IWorkerGrain.CreateAsync"/>): matched and pushed like any other.
/// </summary>
public sealed class WorkerImportGrain(
    [PersistentState(WorkerImportGrain.RunState, StorageNames.Main)] IPersistentState<WorkerImportState> run,
    [PersistentState(WorkerImportGrain.RowsState, StorageNames.Main)] IPersistentState<WorkerImportRowsState> rows,
    IConfiguration configuration,
    [FromKeyedServices(MatchingClock.Key)] TimeProvider time,
    ILogger<WorkerImportGrain> logger) : Grain, IWorkerImportGrain
{
    public const string RunState = "workerImport";
    public const string RowsState = "workerImportRows";

    /// <summary>Progress is pushed at most this often while running (and always at the end), so a page is not flooded.</summary>
    private static readonly TimeSpan _pushEvery = TimeSpan.FromMilliseconds(200);

    /// <summary>Progress is stored at most this often while running: a restart repeats at most these rows, as 409s.</summary>
    private static readonly TimeSpan _saveEvery = TimeSpan.FromSeconds(2);

    private readonly ImportOptions _options = configuration.GetSection(ImportOptions.Section).Get<ImportOptions>() ?? new ImportOptions();
    private ObserverManager<IImportObserver>? _observers;
    private IGrainTimer? _timer;
    private DateTimeOffset _lastPush;
    private DateTimeOffset _lastSave;

    private string Id => this.GetPrimaryKeyString();

    private ObserverManager<IImportObserver> Observers => _observers ??= new(TimeSpan.FromMinutes(2), logger);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (run.State.Exists && run.State.Status == ImportStatus.Running)
        {
            // Interrupted by a deactivation or a restart: the cursor says where to carry on.
            run.State.RunningSince = time.GetUtcNow();
            run.State.RunningSinceRows = run.State.Cursor;
            StartTimer();
        }

        return Task.CompletedTask;
    }

    public async Task<(ImportProgress Progress, bool Created)> UploadAsync(ImportUpload upload)
    {
        if (run.State.Exists)
        {
            return (Progress(), false);
        }

        rows.State.Header = upload.Header;
        rows.State.Rows = [.. upload.Rows];
        await this.WriteAndDeriveAsync(rows);

        var s = run.State;
        s.Exists = true;
        s.FileName = upload.FileName;
        s.Format = upload.Format;
        s.UploadedBy = upload.UploadedBy;
        s.UploadedAt = time.GetUtcNow();
        s.Status = ImportStatus.Uploaded;
        s.Total = upload.Rows.Length;
        s.Invalid = upload.Rows.Count(r => r.Profile is null);
        s.Version = 1;
        await this.WriteAndDeriveAsync(run);
        return (Progress(), true);
    }

    public async Task<ImportProgress> StartAsync()
    {
        var s = Require();
        switch (s.Status)
        {
            case ImportStatus.Running:
                throw new ConflictException(ProblemCodes.ImportRunning, $"import '{Id}' is running already.");
            case ImportStatus.Completed:
                throw new ConflictException(ProblemCodes.ImportCompleted, $"import '{Id}' is complete: every row was registered or rejected once.");
        }

        var now = time.GetUtcNow();
        s.Status = ImportStatus.Running;
        s.StartedAt ??= now;
        s.RunningSince = now;
        s.RunningSinceRows = s.Cursor;
        s.Version++;
        await SaveAsync(now);
        StartTimer();
        return Push(now, force: true);
    }

    public async Task<ImportProgress> CancelAsync()
    {
        var s = Require();
        if (s.Status != ImportStatus.Running)
        {
            throw new ConflictException(ProblemCodes.ImportNotRunning, $"import '{Id}' is not running ({s.Status.ToString().ToLowerInvariant()}).");
        }

        StopTimer();
        var now = time.GetUtcNow();
        EndRun(now);
        s.Status = ImportStatus.Cancelled;
        s.Version++;
        await SaveAsync(now);
        return Push(now, force: true);
    }

    public Task<ImportProgress> GetAsync()
    {
        Require();
        return Task.FromResult(Progress());
    }

    public Task<ImportRejectedRows> GetRejectedAsync()
    {
        var s = Require();

        // Before the run reaches them, the rows refused at upload are rejected all the same.
        var recorded = s.Rejected.Select(r => r.Index).ToHashSet();
        var pending = rows.State.Rows.Skip(s.Cursor).Where(r => r.Profile is null && !recorded.Contains(r.Index)).Select(Refused);
        var all = s.Rejected.Concat(pending).OrderBy(r => r.Index);
        return Task.FromResult(new ImportRejectedRows(
            s.FileName,
            rows.State.Header,
            [.. all.Select(r => new ImportRejectedRow(r, rows.State.Rows[r.Index].Cells))]));
    }

    public Task<ImportProgress> SubscribeAsync(IImportObserver observer)
    {
        Require();
        Observers.Subscribe(observer, observer);
        return Task.FromResult(Progress());
    }

    public Task UnsubscribeAsync(IImportObserver observer)
    {
        Observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    private void StartTimer()
    {
        StopTimer();
        _timer = this.RegisterGrainTimer(
            StepAsync,
            new GrainTimerCreationOptions(TimeSpan.Zero, TimeSpan.FromMilliseconds(Math.Max(1, _options.PauseMilliseconds)))
            {
                Interleave = false,
                KeepAlive = true,
            });
    }

    private void StopTimer()
    {
        _timer?.Dispose();
        _timer = null;
    }

    /// <summary>One step: the next rows registered a bounded number at a time, then progress pushed (and stored now and then).</summary>
    private async Task StepAsync(CancellationToken cancellationToken)
    {
        var s = run.State;
        if (s.Status != ImportStatus.Running)
        {
            StopTimer();
            return;
        }

        var step = rows.State.Rows.Skip(s.Cursor).Take(Math.Max(1, _options.RowsPerStep)).ToList();
        var outcomes = new ImportRejection?[step.Count];
        var created = new bool[step.Count];
        // On the grain's own scheduler, so the rows' calls and their bookkeeping stay in the activation's single thread.
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _options.Concurrency), TaskScheduler = TaskScheduler.Current };
        await Parallel.ForEachAsync(
            Enumerable.Range(0, step.Count),
            parallel,
            async (i, _) => (created[i], outcomes[i]) = await RegisterAsync(step[i]));

        for (var i = 0; i < step.Count; i++)
        {
            if (outcomes[i] is { } rejection)
            {
                s.Rejected.Add(rejection);
            }
            else if (created[i])
            {
                s.Created++;
            }
            else
            {
                s.Existing++;
            }
        }

        s.Cursor += step.Count;
        s.Version++;
        var now = time.GetUtcNow();
        var finished = s.Cursor >= s.Total;
        if (finished)
        {
            StopTimer();
            EndRun(now);
            s.Status = ImportStatus.Completed;
            s.FinishedAt = now;
        }

        if (finished || now - _lastSave >= _saveEvery)
        {
            await SaveAsync(now);
        }

        Push(now, force: finished);
    }

    /// <summary>
    /// One row as the single route registers it. A row whose worker is there already (the same row of an earlier
    /// upload: its id is a digest of the row) counts as existing, so importing a file again creates nobody twice.
    /// </summary>
    private async Task<(bool Created, ImportRejection? Rejection)> RegisterAsync(ImportRow row)
    {
        if (row.Profile is not { } profile)
        {
            return (false, Refused(row));
        }

        try
        {
            await GrainFactory.GetGrain<IWorkerGrain>(profile.Id!).CreateAsync(profile);
            return (true, null);
        }
        catch (ConflictException e) when (e.Code == "already-exists")
        {
            return (false, null);
        }
        catch (ValidationFailedException e)
        {
            return (false, new ImportRejection(row.Index, row.Line, 400, profile.Id, e.Errors, null, null));
        }
        catch (ConflictException e)
        {
            return (false, new ImportRejection(row.Index, row.Line, 409, profile.Id, null, e.Code, e.Message));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A fault of the server's, not of the row: the row is listed as rejected and registers on the next upload.
            logger.LogError(e, "Row {Index} of import {Import} failed", row.Index, Id);
            return (false, new ImportRejection(row.Index, row.Line, 500, profile.Id, null, "server-error", "The row could not be registered now; import the file again later."));
        }
    }

    private static ImportRejection Refused(ImportRow row) => new(row.Index, row.Line, 400, row.Profile?.Id, row.Errors, null, null);

    private void EndRun(DateTimeOffset now)
    {
        var s = run.State;
        if (s.RunningSince is { } since)
        {
            s.EarlierRunSeconds += (now - since).TotalSeconds;
            s.EarlierRunRows += s.Cursor - s.RunningSinceRows;
        }

        s.RunningSince = null;
    }

    private ImportProgress Push(DateTimeOffset now, bool force)
    {
        var progress = Progress();
        if ((force || now - _lastPush >= _pushEvery) && _observers is { Count: > 0 } observers)
        {
            _lastPush = now;
            observers.Notify(o => o.OnProgress(progress));
        }

        return progress;
    }

    /// <summary>
    /// Stores the run. Should the write fail, the activation goes as after a restart: the next call (a watching
    /// page's subscription is renewed every 40 seconds) reloads the stored cursor and carries on from there.
    /// </summary>
    private async Task SaveAsync(DateTimeOffset now)
    {
        _lastSave = now;
        await this.WriteAndDeriveAsync(run);
    }

    private WorkerImportState Require() =>
        run.State.Exists ? run.State : throw new NotFoundException("Import", Id);

    private ImportProgress Progress()
    {
        var s = run.State;
        var seconds = s.EarlierRunSeconds;
        var done = s.EarlierRunRows;
        if (s.RunningSince is { } since)
        {
            seconds += (time.GetUtcNow() - since).TotalSeconds;
            done += s.Cursor - s.RunningSinceRows;
        }

        return new ImportProgress(
            Id,
            s.FileName,
            s.Format,
            s.Status,
            s.Total,
            s.Invalid,
            s.Cursor,
            s.Created,
            s.Existing,
            s.Rejected.Count,
            seconds > 0 ? Math.Round(done / seconds, 1) : 0,
            s.UploadedAt,
            s.StartedAt,
            s.FinishedAt,
            s.Version);
    }
}
