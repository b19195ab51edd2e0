using Matching.Storage;

namespace Matching.Health;

[Orleans.Concurrency.StatelessWorker]
public sealed class HealthGrain(IStateStore store) : Grain, IHealthGrain
{
    public Task CheckAsync() => store.PingAsync();
}
