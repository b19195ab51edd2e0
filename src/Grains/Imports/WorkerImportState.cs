namespace Matching.Imports;

/// <summary>The rows of an uploaded file: written once at upload, read by the run and the rejected-rows file.</summary>
[GenerateSerializer, Alias("WorkerImportRowsState")]
public sealed class WorkerImportRowsState
{
    [Id(0)] public string[] Header { get; set; } = [];
    [Id(1)] public List<ImportRow> Rows { get; set; } = [];
}

/// <summary>
/// The run of an import: kept apart from its rows so that recording progress rewrites a few counters, not the file.
/// </summary>
[GenerateSerializer, Alias("WorkerImportState")]
public sealed class WorkerImportState
{
    [Id(0)] public bool Exists { get; set; }
    [Id(1)] public string FileName { get; set; } = "";
    [Id(2)] public string Format { get; set; } = "";
    [Id(3)] public string UploadedBy { get; set; } = "";
    [Id(4)] public DateTimeOffset UploadedAt { get; set; }
    [Id(5)] public ImportStatus Status { get; set; }
    [Id(6)] public int Total { get; set; }
    [Id(7)] public int Invalid { get; set; }
    /// <summary>The next row to register: rows before it are done, whatever their outcome.</summary>
    [Id(8)] public int Cursor { get; set; }
    [Id(9)] public int Created { get; set; }
    [Id(10)] public int Existing { get; set; }
    [Id(11)] public List<ImportRejection> Rejected { get; set; } = [];
    [Id(12)] public DateTimeOffset? StartedAt { get; set; }
    /// <summary>Running time of earlier runs (before a cancel), so the rate counts only time spent running.</summary>
    [Id(13)] public double EarlierRunSeconds { get; set; }
    /// <summary>Rows done by earlier runs, for the same reason.</summary>
    [Id(14)] public int EarlierRunRows { get; set; }
    [Id(15)] public DateTimeOffset? FinishedAt { get; set; }
    /// <summary>When the current run started (or resumed); null unless running.</summary>
    [Id(16)] public DateTimeOffset? RunningSince { get; set; }
    [Id(17)] public int RunningSinceRows { get; set; }
    /// <summary>+1 on every change of the run, so a watcher can tell the newer of two progress reports.</summary>
    [Id(18)] public long Version { get; set; }
}
