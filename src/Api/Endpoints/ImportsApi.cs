using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using Matching.Api.Security;
using Matching.Errors;
using Matching.Feeds;
using Matching.Imports;
using Matching.Reference;
using Matching.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Matching.Api.Endpoints;

/// <summary>
/// <c>/api/imports</c>: spreadsheets of workers (CSV or XLSX, Chinese or English headers) that staff upload, check in
/// a preview, and import in the background with progress on <c>/hubs/import</c>, a cancel, and a file of the
/// rejected rows. An import's id is a digest of the file, so the same file uploaded again is the same import.
/// </summary>
public static class ImportsApi
{
    /// <summary>Rows the upload answer shows with their values and field errors.</summary>
    public const int PreviewRows = 20;

    private static readonly string[] _formats = ["csv", "xlsx"];

    public static IEndpointRouteBuilder MapImportsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/imports").WithTags("Imports").RequireAuthorization(Policies.Staff);
        api.MapPost("/", UploadAsync)
            .WithSummary("Upload a spreadsheet of workers (CSV or XLSX): a preview of its first rows with each row's field errors")
            .Accepts<string>(WorkerImport.Csv, WorkerImport.Xlsx)
            .AllowBulkBody()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        api.MapGet("/template", Template).WithSummary("The import template (format=csv|xlsx, headers=zh|en) with one example row");
        api.MapGet("/{id:entityId}", GetAsync).WithSummary("An import's progress");
        api.MapPost("/{id:entityId}/start", StartAsync).WithSummary("Start the import in the background, or carry on after a cancel");
        api.MapPost("/{id:entityId}/cancel", CancelAsync).WithSummary("Stop a running import; the rows registered so far stay");
        api.MapGet("/{id:entityId}/rejected", RejectedAsync).WithSummary("The rejected rows with their reasons, as CSV or XLSX (format=csv|xlsx)");
        return app;
    }

    private static async Task<Results<Created<UploadAnswer>, Ok<UploadAnswer>>> UploadAsync(
        HttpRequest request,
        string? fileName,
        IGrainFactory grains,
        ReferenceData refs,
        IOptions<JsonOptions> json,
        ClaimsPrincipal user,
        [FromKeyedServices(MatchingClock.Key)] TimeProvider clock)
    {
        var errors = new FieldErrors();
        var name = errors.Text("fileName", fileName, 200, required: false);
        errors.ThrowIfAny();

        // The digest is of the bytes as sent, read once: the body is bounded by the bulk limit.
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, request.HttpContext.RequestAborted);
        var id = "imp-" + Convert.ToHexStringLower(SHA256.HashData(body.GetBuffer().AsSpan(0, (int)body.Length)))[..32];
        body.Position = 0;
        request.Body = body;

        var table = await WorkerImport.ReadTableAsync(request);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var serializer = json.Value.SerializerOptions;
        var rows = WorkerImport.RowsOf(table, WorkerImport.MaxImportRows).Select(r => WorkerImport.Check(r, refs, today, serializer)).ToArray();
        var upload = new ImportUpload(
            name is { Length: > 0 } ? name : $"workers.{table.Format}",
            table.Format,
            table.Header,
            rows,
            user.FindFirst(ClaimNames.Subject)?.Value ?? "");
        var (progress, created) = await grains.GetGrain<IWorkerImportGrain>(id).UploadAsync(upload);

        var fields = WorkerImport.FieldsOf(table.Header);
        var answer = new UploadAnswer(
            progress,
            [.. fields.Select(f => f ?? "")],
            table.Header,
            rows.Length - rows.Count(r => r.Profile is null),
            rows.Count(r => r.Profile is null),
            [.. rows.Take(PreviewRows).Select(r => PreviewRow.From(r, fields))]);
        return created
            ? TypedResults.Created($"/api/imports/{id}", answer)
            : TypedResults.Ok(answer);
    }

    private static async Task<Ok<ImportProgress>> GetAsync(string id, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IWorkerImportGrain>(id).GetAsync());

    private static async Task<Accepted<ImportProgress>> StartAsync(string id, IGrainFactory grains) =>
        TypedResults.Accepted($"/api/imports/{id}", await grains.GetGrain<IWorkerImportGrain>(id).StartAsync());

    private static async Task<Ok<ImportProgress>> CancelAsync(string id, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IWorkerImportGrain>(id).CancelAsync());

    private static async Task<FileContentHttpResult> RejectedAsync(string id, string? format, IGrainFactory grains)
    {
        var rejected = await grains.GetGrain<IWorkerImportGrain>(id).GetRejectedAsync();
        var chosen = Format(format, Path.GetExtension(rejected.FileName).TrimStart('.').ToLowerInvariant() is "xlsx" ? "xlsx" : "csv");
        var stem = Path.GetFileNameWithoutExtension(rejected.FileName);
        return File(WorkerImport.RejectedFile(rejected, chosen), chosen, $"{stem}-rejected.{chosen}");
    }

    /// <summary>Dated by the domain's clock, so the example row's availability is always within the rules' window.</summary>
    private static FileContentHttpResult Template(string? format, string? headers, [FromKeyedServices(MatchingClock.Key)] TimeProvider clock)
    {
        var chosen = Format(format, "csv");
        var english = headers switch
        {
            null or "" or "zh" => false,
            "en" => true,
            _ => throw ValidationFailedException.For("headers", "must be zh (Chinese headers) or en (the field names)."),
        };
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        return File(WorkerImport.Template(today, chosen, english), chosen, $"workers-template{(english ? "-en" : "")}.{chosen}");
    }

    private static string Format(string? format, string fallback) => format switch
    {
        null or "" => fallback,
        _ when _formats.Contains(format) => format,
        _ => throw ValidationFailedException.For("format", "must be csv or xlsx."),
    };

    private static FileContentHttpResult File(byte[] bytes, string format, string name) =>
        TypedResults.File(bytes, format == "xlsx" ? WorkerImport.Xlsx : $"{WorkerImport.Csv}; charset=utf-8", name);

    /// <summary>
    /// The upload's answer: the import, the field each column holds (blank for a column that is ignored), how many
    /// rows are valid and invalid, and the first rows with their values by field and their field errors.
    /// </summary>
    public sealed record UploadAnswer(
        ImportProgress Import, string[] Columns, string[] Header, int Valid, int Invalid, PreviewRow[] Preview);

    /// <summary>A row of the preview: its values by field, the id it will be registered under, and its field errors.</summary>
    public sealed record PreviewRow(int Index, int Line, string? Id, Dictionary<string, string> Values, Dictionary<string, string[]>? Errors)
    {
        public static PreviewRow From(ImportRow row, string?[] fields) => new(
            row.Index,
            row.Line,
            row.Profile?.Id,
            fields.Select((f, i) => (f, i))
                .Where(c => c.f is not null)
                .ToDictionary(c => c.f!, c => c.i < row.Cells.Length ? row.Cells[c.i] : "", StringComparer.Ordinal),
            row.Errors);
    }
}
