namespace Matching.Idempotency;

/// <summary>How long first answers are kept for retries, bound from <c>Matching:Idempotency</c>.</summary>
public sealed class IdempotencyOptions
{
    public const string Section = "Matching:Idempotency";

    /// <summary>A day: clients retry within minutes, and a key reused after a day is a new request.</summary>
    public int RetentionHours { get; set; } = 24;

    /// <summary>
    /// Answers larger than this are sent but not stored, and their key is released, so one large answer
    /// cannot make every retry hold it in memory and storage. The API's answers are far smaller.
    /// </summary>
    public int MaxStoredBodyBytes { get; set; } = 256 * 1024;

    /// <summary>
    /// How long a running first attempt blocks its key unless it renews the hold (its API node does so every third
    /// of this while the request runs, see <see cref="IIdempotencyGrain.RenewAsync"/>). A lease rather than a
    /// deadline for the longest request: a key whose attempt is gone — its API node died, or the answer that
    /// granted the key was lost in a silo's outage so nobody runs it — frees itself within this, while a request
    /// that runs long keeps its key for as long as it runs.
    /// </summary>
    public int InProgressTimeoutSeconds { get; set; } = 30;

    /// <summary>How often expired answers are deleted from the store (a key nobody retries is never read again).</summary>
    public int SweepMinutes { get; set; } = 60;

    /// <summary>
    /// Answers one caller may have stored at once (within the retention). Far above a day of a busy desk's
    /// writes, so it stops a loop from filling the store, never a person; past it requests still run, unguarded
    /// keys are refused with 429.
    /// </summary>
    public int MaxLiveKeysPerCaller { get; set; } = 20_000;
}
