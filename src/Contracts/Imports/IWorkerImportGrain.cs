using Matching.Feeds;

namespace Matching.Imports;

/// <summary>
/// A spreadsheet of workers imported in the background (keyed by a digest of the file): it keeps the rows read from
/// the file, registers them a step at a time as <c>POST /api/workers</c> would, reports progress to its observers,
/// can be cancelled and started again, and keeps the rejected rows with their reasons.
/// </summary>
[Alias("IWorkerImportGrain")]
public interface IWorkerImportGrain : IGrainWithStringKey
{
    /// <summary>
    /// Stores the rows read from the file, once: the same file uploaded again answers the import as it stands
    /// (<c>true</c> when this call created it).
    /// </summary>
    [Alias("Upload")]
    Task<(ImportProgress Progress, bool Created)> UploadAsync(ImportUpload upload);

    /// <summary>Starts (or, after a cancel, resumes) the run; 409 while running or once completed.</summary>
    [Alias("Start")]
    Task<ImportProgress> StartAsync();

    /// <summary>Stops the run after the step under way; 409 unless running.</summary>
    [Alias("Cancel")]
    Task<ImportProgress> CancelAsync();

    /// <summary>The import's progress; 404 when nothing was uploaded under this id.</summary>
    [Alias("Get")]
    Task<ImportProgress> GetAsync();

    /// <summary>The rows refused so far (all of those refused when the file was read, before the run), with their cells.</summary>
    [Alias("GetRejected")]
    Task<ImportRejectedRows> GetRejectedAsync();

    /// <summary>Sends progress to the observer until it unsubscribes or its subscription lapses; answers the current progress.</summary>
    [Alias("Subscribe")]
    Task<ImportProgress> SubscribeAsync(IImportObserver observer);

    [Alias("Unsubscribe")]
    Task UnsubscribeAsync(IImportObserver observer);
}

/// <summary>An API node that relays an import's progress to the pages watching it.</summary>
[Alias("IImportObserver")]
public interface IImportObserver : IGrainObserver
{
    [Alias("OnProgress")]
    void OnProgress(ImportProgress progress);
}
