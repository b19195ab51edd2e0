using Matching.Storage;
using Orleans.Storage;

namespace Matching.Tests.Storage;

/// <summary>
/// What every grain storage of the product must do: Orleans' optimistic concurrency on ETags, durable rows
/// that outlive the store object, and the scan and ping of <see cref="IStateStore"/>.
/// A subclass supplies a store over data private to one test; the store can be closed and opened again over it.
/// </summary>
public abstract class GrainStorageContract<TStore> : IAsyncLifetime
    where TStore : IGrainStorage, IStateStore
{
    private const string StateName = "storageTest";
    private const string OtherStateName = "storageTestOther";

    private static readonly DateTimeOffset _at = new(2025, 3, 3, 8, 30, 15, TimeSpan.FromHours(8));

    private TStore? _store;

    protected TStore Store => _store ?? throw new InvalidOperationException("The store is not open.");

    /// <summary>Opens a store over this test's data: empty on the first call, what earlier stores wrote afterwards.</summary>
    protected abstract Task<TStore> OpenAsync();

    /// <summary>Removes this test's data; every store over it is closed by then.</summary>
    protected abstract Task DeleteDataAsync();

    public async Task InitializeAsync() => _store = await OpenAsync();

    public async Task DisposeAsync()
    {
        await CloseAsync();
        await DeleteDataAsync();
    }

    [Fact]
    public async Task Write_then_read_returns_the_state_its_etag_and_that_the_record_exists()
    {
        var grainId = NewGrainId();
        var written = new GrainState<StorageTestState>(Sample("first"));

        await Store.WriteStateAsync(StateName, grainId, written);
        var read = await ReadAsync(grainId);

        Assert.NotNull(written.ETag);
        Assert.True(written.RecordExists);
        Assert.Equal(written.ETag, read.ETag);
        Assert.True(read.RecordExists);
        AssertSame(Sample("first"), read.Value());
    }

    [Fact]
    public async Task Read_of_a_state_never_written_gives_no_record_and_the_default_state()
    {
        var read = await ReadAsync(NewGrainId());

        Assert.False(read.RecordExists);
        Assert.Null(read.ETag);
        AssertSame(new StorageTestState(), read.Value());
    }

    [Fact]
    public async Task Every_write_gives_a_new_etag()
    {
        var grainId = NewGrainId();
        var state = new GrainState<StorageTestState>(Sample("one"));
        await Store.WriteStateAsync(StateName, grainId, state);
        var first = state.ETag;

        state.Value().Count++;
        await Store.WriteStateAsync(StateName, grainId, state);

        Assert.NotEqual(first, state.ETag);
        var read = await ReadAsync(grainId);
        Assert.Equal(state.ETag, read.ETag);
        Assert.Equal(state.Value().Count, read.Value().Count);
    }

    [Fact]
    public async Task Read_after_a_restart_returns_what_was_written()
    {
        var grainId = NewGrainId();
        var written = new GrainState<StorageTestState>(Sample("durable"));
        await Store.WriteStateAsync(StateName, grainId, written);

        await RestartAsync();
        var read = await ReadAsync(grainId);

        Assert.True(read.RecordExists);
        Assert.Equal(written.ETag, read.ETag);
        AssertSame(Sample("durable"), read.Value());

        // The ETag read back after the restart is the one to write with.
        read.Value().Name = "after restart";
        await Store.WriteStateAsync(StateName, grainId, read);
        Assert.Equal("after restart", (await ReadAsync(grainId)).Value().Name);
    }

    [Fact]
    public async Task A_writer_with_a_stale_etag_is_refused_and_changes_nothing()
    {
        var grainId = NewGrainId();
        await Store.WriteStateAsync(StateName, grainId, new GrainState<StorageTestState>(Sample("original")));
        var first = await ReadAsync(grainId);
        var second = await ReadAsync(grainId);

        second.Value().Name = "second";
        await Store.WriteStateAsync(StateName, grainId, second);
        first.Value().Name = "first";

        await Assert.ThrowsAsync<InconsistentStateException>(() => Store.WriteStateAsync(StateName, grainId, first));
        var read = await ReadAsync(grainId);
        Assert.Equal("second", read.Value().Name);
        Assert.Equal(second.ETag, read.ETag);
    }

    [Fact]
    public async Task Writes_at_once_each_get_their_own_answer_and_a_stale_one_among_them_changes_nothing_else()
    {
        var stale = NewGrainId();
        await Store.WriteStateAsync(StateName, stale, new GrainState<StorageTestState>(Sample("original")));
        var old = await ReadAsync(stale);
        var current = await ReadAsync(stale);
        current.Value().Name = "current";
        await Store.WriteStateAsync(StateName, stale, current);
        old.Value().Name = "late";
        var others = Enumerable.Range(0, 200).Select(i => (Id: NewGrainId(), State: new GrainState<StorageTestState>(Sample($"w{i}")))).ToList();

        // However a store groups writes that arrive together, each keeps its own ETag check and its own answer.
        var writes = others.Select(o => Store.WriteStateAsync(StateName, o.Id, o.State)).ToList();
        var refused = Store.WriteStateAsync(StateName, stale, old);
        await Task.WhenAll(writes);
        await Assert.ThrowsAsync<InconsistentStateException>(() => refused);

        Assert.Equal("current", (await ReadAsync(stale)).Value().Name);
        await RestartAsync();
        foreach (var (id, state) in others)
        {
            var read = await ReadAsync(id);
            Assert.Equal(state.ETag, read.ETag);
            Assert.Equal(state.Value().Name, read.Value().Name);
        }
    }

    [Fact]
    public async Task A_first_write_is_refused_when_a_record_exists()
    {
        var grainId = NewGrainId();
        await Store.WriteStateAsync(StateName, grainId, new GrainState<StorageTestState>(Sample("existing")));

        var latecomer = new GrainState<StorageTestState>(Sample("latecomer"));

        await Assert.ThrowsAsync<InconsistentStateException>(() => Store.WriteStateAsync(StateName, grainId, latecomer));
        Assert.Equal("existing", (await ReadAsync(grainId)).Value().Name);
    }

    [Fact]
    public async Task Clear_then_read_gives_no_record_and_the_default_state()
    {
        var grainId = NewGrainId();
        var state = new GrainState<StorageTestState>(Sample("doomed"));
        await Store.WriteStateAsync(StateName, grainId, state);

        await Store.ClearStateAsync(StateName, grainId, state);
        var read = await ReadAsync(grainId);

        Assert.False(state.RecordExists);
        Assert.False(read.RecordExists);
        Assert.Null(read.ETag);
        AssertSame(new StorageTestState(), read.Value());
    }

    [Fact]
    public async Task Clear_stays_cleared_after_a_restart_and_the_state_can_be_written_anew()
    {
        var grainId = NewGrainId();
        var state = new GrainState<StorageTestState>(Sample("doomed"));
        await Store.WriteStateAsync(StateName, grainId, state);
        await Store.ClearStateAsync(StateName, grainId, state);

        await RestartAsync();
        var read = await ReadAsync(grainId);
        Assert.False(read.RecordExists);

        read.State = Sample("reborn");
        await Store.WriteStateAsync(StateName, grainId, read);
        Assert.Equal("reborn", (await ReadAsync(grainId)).Value().Name);
    }

    [Fact]
    public async Task Clear_of_a_state_never_written_is_harmless()
    {
        var grainId = NewGrainId();
        var state = new GrainState<StorageTestState>();

        await Store.ClearStateAsync(StateName, grainId, state);

        Assert.False(state.RecordExists);
        Assert.False((await ReadAsync(grainId)).RecordExists);
    }

    [Fact]
    public async Task Clear_with_a_stale_etag_is_refused_and_keeps_the_record()
    {
        var grainId = NewGrainId();
        await Store.WriteStateAsync(StateName, grainId, new GrainState<StorageTestState>(Sample("original")));
        var stale = await ReadAsync(grainId);
        var current = await ReadAsync(grainId);
        current.Value().Name = "updated";
        await Store.WriteStateAsync(StateName, grainId, current);

        await Assert.ThrowsAsync<InconsistentStateException>(() => Store.ClearStateAsync(StateName, grainId, stale));

        var read = await ReadAsync(grainId);
        Assert.True(read.RecordExists);
        Assert.Equal("updated", read.Value().Name);
    }

    [Fact]
    public async Task Scan_returns_every_state_of_one_state_name_and_none_of_another()
    {
        var keys = new[] { "scan-a", "scan-b", "scan-c" };
        foreach (var key in keys)
        {
            await Store.WriteStateAsync(StateName, GrainId.Create("test", key), new GrainState<StorageTestState>(Sample(key)));
        }

        await Store.WriteStateAsync(OtherStateName, GrainId.Create("test", "scan-other"), new GrainState<StorageTestState>(Sample("other")));

        var scanned = await ScanAsync(StateName);

        Assert.Equal(keys, scanned.Select(s => s.Key).Order(StringComparer.Ordinal));
        Assert.All(scanned, s => AssertSame(Sample(s.Key), s.State));
        Assert.Equal(["scan-other"], (await ScanAsync(OtherStateName)).Select(s => s.Key));
        Assert.Empty(await ScanAsync("neverWritten"));
    }

    [Fact]
    public async Task Scan_sees_updates_and_not_cleared_states()
    {
        var kept = GrainId.Create("test", "kept");
        var cleared = GrainId.Create("test", "cleared");
        var keptState = new GrainState<StorageTestState>(Sample("v1"));
        var clearedState = new GrainState<StorageTestState>(Sample("gone"));
        await Store.WriteStateAsync(StateName, kept, keptState);
        await Store.WriteStateAsync(StateName, cleared, clearedState);
        keptState.Value().Name = "v2";
        await Store.WriteStateAsync(StateName, kept, keptState);
        await Store.ClearStateAsync(StateName, cleared, clearedState);

        var scanned = await ScanAsync(StateName);

        var only = Assert.Single(scanned);
        Assert.Equal("kept", only.Key);
        Assert.Equal("v2", only.State.Name);
    }

    [Fact]
    public async Task Ping_answers_while_the_store_is_open_and_refuses_once_it_is_closed()
    {
        await Store.PingAsync();
        var closed = Store;

        await RestartAsync();

        // A readiness probe over a store that can no longer write must not say it is ready.
        await Assert.ThrowsAsync<ObjectDisposedException>(() => closed.PingAsync());
        await Store.PingAsync();
    }

    /// <summary>Closes the store and opens a new one over the same data, as a process restart would.</summary>
    protected async Task RestartAsync()
    {
        await CloseAsync();
        _store = await OpenAsync();
    }

    private async Task CloseAsync()
    {
        var store = _store;
        _store = default;
        switch (store)
        {
            case IAsyncDisposable asyncDisposable:
                await asyncDisposable.DisposeAsync();
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }
    }

    private async Task<GrainState<StorageTestState>> ReadAsync(GrainId grainId)
    {
        var state = new GrainState<StorageTestState>();
        await Store.ReadStateAsync(StateName, grainId, state);
        return state;
    }

    private async Task<List<(string Key, StorageTestState State)>> ScanAsync(string stateName)
    {
        var result = new List<(string Key, StorageTestState State)>();
        await foreach (var item in Store.ScanAsync<StorageTestState>(stateName))
        {
            result.Add(item);
        }

        return result;
    }

    private static GrainId NewGrainId() => GrainId.Create("test", $"key-{Guid.NewGuid():N}");

    private static StorageTestState Sample(string name) => new()
    {
        Name = name,
        Count = name.Length,
        Tags = ["trade:welder", $"name:{name}", "云南"],
        At = _at,
        Day = new DateOnly(2025, 3, 3),
    };

    private static void AssertSame(StorageTestState expected, StorageTestState actual)
    {
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal(expected.Count, actual.Count);
        Assert.Equal(expected.Tags, actual.Tags);
        Assert.Equal(expected.At, actual.At);
        Assert.Equal(expected.At.Offset, actual.At.Offset);
        Assert.Equal(expected.Day, actual.Day);
    }
}
