namespace Matching.Api.Hubs;

/// <summary>
/// The answer to a hub join: where the channel stands and how the client was brought up to date —
/// <see cref="Replayed"/> missed events re-sent before this answer, or a <see cref="Snapshot"/> of the whole
/// state when the client had no position or its gap is older than the feed's buffer.
/// </summary>
public sealed record JoinAnswer(string Channel, string Epoch, long LatestSeq, int Replayed, object? Snapshot);
