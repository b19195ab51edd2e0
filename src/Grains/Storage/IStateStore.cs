namespace Matching.Storage;

/// <summary>
/// What the project needs of a store beyond Orleans' <c>IGrainStorage</c>: reading every state of one kind
/// (to rebuild derived state such as catalogs and match indexes after a restart) and a liveness probe.
/// </summary>
public interface IStateStore
{
    /// <summary>Every stored state written under <paramref name="stateName"/>, with its grain key.</summary>
    IAsyncEnumerable<(string Key, T State)> ScanAsync<T>(string stateName, CancellationToken cancellationToken = default);

    /// <summary>Answers when the store can serve a query; throws otherwise.</summary>
    Task PingAsync(CancellationToken cancellationToken = default);
}
