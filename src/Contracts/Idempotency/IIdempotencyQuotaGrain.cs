namespace Matching.Idempotency;

/// <summary>
/// How many answers one caller has stored within the retention (keyed by <c>IdempotencyScope.QuotaKeyOf</c>),
/// so that a loop of new keys cannot fill the store.
/// </summary>
[Alias("IIdempotencyQuotaGrain")]
public interface IIdempotencyQuotaGrain : IGrainWithStringKey
{
    /// <summary>Counts one more stored answer and says yes, or says no when the caller is at its bound.</summary>
    [Alias("TryTake")]
    Task<bool> TryTakeAsync();
}

/// <summary>Stored answers of one caller per hour; hours older than the retention are dropped.</summary>
[GenerateSerializer, Alias("IdempotencyQuotaState")]
public sealed class IdempotencyQuotaState
{
    [Id(0)] public Dictionary<long, int> PerHour { get; set; } = [];
}
