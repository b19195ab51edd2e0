using Matching.Workers;

namespace Matching.Imports;

/// <summary>Where a spreadsheet import is in its life.</summary>
[GenerateSerializer, Alias("ImportStatus")]
public enum ImportStatus
{
    /// <summary>Read and checked; waiting for staff to start it.</summary>
    Uploaded = 0,
    Running = 1,
    Completed = 2,
    /// <summary>Stopped by staff; the rows registered so far stay registered, and a new start carries on.</summary>
    Cancelled = 3,
}

/// <summary>
/// One row of an uploaded file as it was read: its cells as the file had them (for the file of rejected rows), and
/// either the worker it names or the field errors found before anything was registered.
/// </summary>
[GenerateSerializer, Immutable, Alias("ImportRow")]
public sealed record ImportRow(
    [property: Id(0)] int Index,
    [property: Id(1)] int Line,
    [property: Id(2)] string[] Cells,
    [property: Id(3)] WorkerProfile? Profile,
    [property: Id(4)] Dictionary<string, string[]>? Errors);

/// <summary>A file as the API read it: its header, every row, and who sent it.</summary>
[GenerateSerializer, Immutable, Alias("ImportUpload")]
public sealed record ImportUpload(
    [property: Id(0)] string FileName,
    [property: Id(1)] string Format,
    [property: Id(2)] string[] Header,
    [property: Id(3)] ImportRow[] Rows,
    [property: Id(4)] string UploadedBy);

/// <summary>
/// A row that was not registered as new: refused (400, or 409 for a reason other than the worker being there
/// already), or failed for a reason of the server's (500). Rows already registered count as existing, not here.
/// </summary>
[GenerateSerializer, Immutable, Alias("ImportRejection")]
public sealed record ImportRejection(
    [property: Id(0)] int Index,
    [property: Id(1)] int Line,
    [property: Id(2)] int Status,
    [property: Id(3)] string? WorkerId,
    [property: Id(4)] Dictionary<string, string[]>? Errors,
    [property: Id(5)] string? Code,
    [property: Id(6)] string? Detail);

/// <summary>What the file of rejected rows needs: the file's header and each rejected row's cells and reason.</summary>
[GenerateSerializer, Immutable, Alias("ImportRejectedRows")]
public sealed record ImportRejectedRows(
    [property: Id(0)] string FileName,
    [property: Id(1)] string[] Header,
    [property: Id(2)] ImportRejectedRow[] Rows);

[GenerateSerializer, Immutable, Alias("ImportRejectedRow")]
public sealed record ImportRejectedRow(
    [property: Id(0)] ImportRejection Rejection,
    [property: Id(1)] string[] Cells);
