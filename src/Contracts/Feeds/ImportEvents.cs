using Matching.Imports;

namespace Matching.Feeds;

// What a page watching an import hears (/hubs/import). Not a channel of the feeds: progress is state, not a log, so
// each push carries every counter and a version, and a page keeps the newest without replay.

/// <summary>
/// An import as read and as pushed while it runs: how far it is and how fast it goes. <c>Invalid</c>: rows refused
/// when the file was read (field errors), counted as failed once the run passes them; <c>Done</c>: rows the run has
/// passed, whatever their outcome; <c>Existing</c>: rows whose worker was registered already (by an earlier upload
/// of the same rows), so nothing is created twice; <c>RowsPerSecond</c>: rows done per second of running time; <c>Version</c>: +1 on each change, so a page keeps the newest it received.
/// </summary>
[GenerateSerializer, Immutable, Alias("ImportProgress")]
public sealed record ImportProgress(
    [property: Id(0)] string ImportId,
    [property: Id(1)] string FileName,
    [property: Id(2)] string Format,
    [property: Id(3)] ImportStatus Status,
    [property: Id(4)] int Total,
    [property: Id(5)] int Invalid,
    [property: Id(6)] int Done,
    [property: Id(7)] int Created,
    [property: Id(8)] int Existing,
    [property: Id(9)] int Failed,
    [property: Id(10)] double RowsPerSecond,
    [property: Id(11)] DateTimeOffset UploadedAt,
    [property: Id(12)] DateTimeOffset? StartedAt,
    [property: Id(13)] DateTimeOffset? FinishedAt,
    [property: Id(14)] long Version);
