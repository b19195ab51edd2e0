using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using CsvHelper;
using Matching.Api.Errors;
using Matching.Errors;
using Matching.Imports;
using Matching.Reference;
using Matching.Validation;
using Matching.Workers;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using MiniExcelLibs;

namespace Matching.Api.Endpoints;

/// <summary>A bulk registration's answer: one row per input row, in input order, and how many rows had each outcome.</summary>
public sealed record WorkerBatchAnswer(IReadOnlyList<WorkerBatchRow> Items, int Total, int Created, int Invalid, int Conflicts);

/// <summary>One row's outcome: what the single registration route would have answered for it.</summary>
/// <param name="Index">The row's position among the rows sent, from 0.</param>
/// <param name="Id">The worker's id: the one registered (201) or taken (409); on 400 the id the row named, if any.</param>
/// <param name="Status">201, 400 or 409 as the single route answers; 500 when the row failed for a reason of the server's.</param>
public sealed record WorkerBatchRow(int Index, string? Id, int Status)
{
    /// <summary>NDJSON and CSV: the line of the body where the row starts (a CSV's header is line 1).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Line { get; init; }

    /// <summary>On 400: every field error of the row, as the single route's ProblemDetails names them.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IDictionary<string, string[]>? Errors { get; init; }

    /// <summary>On 409: the stable reason, e.g. <c>already-exists</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Code { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Detail { get; init; }
}

/// <summary>
/// Bulk registration: reads the rows of a JSON array, NDJSON, CSV or XLSX body, registers each through the same code
/// as <c>POST /api/workers</c>, a bounded number at a time, and answers per row in input order. Only the whole body
/// can be refused (not readable at all, no rows, too many rows, unknown columns); then nothing is registered.
/// Spreadsheet imports (<see cref="ImportsApi"/>) read their files with the same columns and rules.
/// </summary>
internal static class WorkerImport
{
    public const int MaxRows = 1_000;

    /// <summary>Rows of one spreadsheet import, which runs in the background: a county's list in one file.</summary>
    public const int MaxImportRows = 5_000;

    public const string Json = "application/json";
    public const string NdJson = "application/x-ndjson";
    public const string Csv = "text/csv";
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The columns the file of rejected rows adds to the file's own: the row's line and why it was refused.</summary>
    private static readonly (string Field, string Chinese)[] _rejectedColumns = [("line", "行号"), ("reason", "原因")];

    /// <summary>
    /// Rows registered at once: enough to overlap their waits on the store (each row is one grain call ending in one
    /// store write), few enough that one batch does not crowd out other callers' requests. Not tuned by measurement.
    /// </summary>
    private const int Concurrency = 16;

    /// <summary>The field of an error about a row as a whole: not an object, not JSON, a wrong number of CSV values.</summary>
    private const string WholeRow = "row";

    /// <summary>Bytes that are not UTF-8 are refused rather than read as replacement characters into names.</summary>
    private static readonly UTF8Encoding _strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly char[] _listSeparators = [';', '|', '；'];
    private static readonly char[] _skillParts = [':', '：'];
    private static readonly char[] _certificateSeparators = ['、', '/'];
    private static readonly string[] _dateFormats = ["yyyy-MM-dd", "yyyy-M-d", "yyyy/M/d"];
    private static readonly string[] _yes = ["是", "true", "yes", "y", "1"];
    private static readonly string[] _no = ["否", "false", "no", "n", "0"];

    /// <summary>CSV columns: the JSON field name or its Chinese header, in the template's order.</summary>
    private static readonly (string Field, string Chinese)[] _columns =
    [
        ("id", "编号"),
        ("name", "姓名"),
        ("phone", "手机"),
        ("idNumber", "身份证号"),
        ("originProvince", "籍贯省"),
        ("originPrefecture", "籍贯州市"),
        ("originCounty", "籍贯县区"),
        ("categories", "人员类别"),
        ("skills", "技能"),
        ("desiredDistricts", "意向区"),
        ("minWage", "最低月薪"),
        ("availableFrom", "可到岗日期"),
        ("needsLodging", "需要住宿"),
        ("programmes", "合作项目"),
    ];

    /// <summary>A row as read: the id it names, if any, and its profile or why it could not be read.</summary>
    internal sealed record Row(int Index, int? Line, string? Id, WorkerProfile? Profile, ValidationFailedException? Unreadable)
    {
        /// <summary>CSV and XLSX: the row's cells as the file has them.</summary>
        public string[] Cells { get; init; } = [];
    }

    /// <summary>A spreadsheet as read: <c>csv</c> or <c>xlsx</c>, its header and its records with their lines.</summary>
    internal sealed record Table(string Format, string[] Header, IReadOnlyList<(int Line, string[] Cells)> Records);

    /// <summary>The rows of a JSON array (<c>application/json</c>) or of NDJSON (one object a line).</summary>
    public static async Task<IReadOnlyList<Row>> ReadJsonAsync(HttpRequest request, JsonSerializerOptions json)
    {
        var mediaType = MediaTypeOf(request);
        if (string.Equals(mediaType, NdJson, StringComparison.OrdinalIgnoreCase))
        {
            return ReadNdJson(await ReadTextAsync(request), json);
        }

        if (!string.Equals(mediaType, Json, StringComparison.OrdinalIgnoreCase))
        {
            throw Unsupported($"{Json} (an array of workers) or {NdJson} (one worker a line)");
        }

        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, default, request.HttpContext.RequestAborted);
        }
        catch (JsonException e)
        {
            throw DomainExceptionHandler.Unreadable(e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Array)
            {
                throw ValidationFailedException.For("body", "must be a JSON array of workers.");
            }

            CheckCount(root.GetArrayLength());
            return [.. root.EnumerateArray().Select((element, index) => FromJson(index, null, element, json))];
        }
    }

    /// <summary>The rows of a CSV file (<c>text/csv</c>, UTF-8 with or without BOM) whose header names the columns.</summary>
    public static async Task<IReadOnlyList<Row>> ReadCsvAsync(HttpRequest request)
    {
        if (!string.Equals(MediaTypeOf(request), Csv, StringComparison.OrdinalIgnoreCase))
        {
            throw Unsupported($"{Csv} (UTF-8, the first line naming the columns)");
        }

        return RowsOf(ReadCsv(await ReadTextAsync(request)), MaxRows);
    }

    /// <summary>A spreadsheet upload: CSV (<c>text/csv</c>) or XLSX, the first row naming the columns.</summary>
    public static async Task<Table> ReadTableAsync(HttpRequest request)
    {
        var mediaType = MediaTypeOf(request);
        if (string.Equals(mediaType, Csv, StringComparison.OrdinalIgnoreCase))
        {
            return ReadCsv(await ReadTextAsync(request));
        }

        if (!string.Equals(mediaType, Xlsx, StringComparison.OrdinalIgnoreCase))
        {
            throw Unsupported($"{Csv} (UTF-8) or {Xlsx} (an Excel workbook), the first row naming the columns");
        }

        // The reader needs to seek; the body is bounded by the bulk limit (2 MB).
        using var bytes = new MemoryStream();
        await request.Body.CopyToAsync(bytes, request.HttpContext.RequestAborted);
        bytes.Position = 0;
        return ReadXlsx(bytes);
    }

    /// <summary>The rows of a table, each with its cells, refused as a whole when its header names unknown columns.</summary>
    public static IReadOnlyList<Row> RowsOf(Table table, int maxRows)
    {
        if (table.Header.Length == 0)
        {
            throw ValidationFailedException.For("body", "is empty: the first line must name the columns.");
        }

        var fields = HeaderFields(table.Header);
        CheckCount(table.Records.Count, maxRows);
        return [.. table.Records.Select((record, index) => FromCsv(index, record.Line, record.Cells, fields))];
    }

    /// <summary>The JSON field each of the header's columns holds (null for a blank header cell).</summary>
    public static string?[] FieldsOf(string[] header) => HeaderFields(header);

    private static Table ReadCsv(string text)
    {
        // The separator is fixed: detection could take the ';' inside list values for it.
        var options = CsvReaderOptions.Default with { Separator = ',', HasHeader = true, TrackLineNumbers = true };
        using var csv = CsvReader.Create(new StringReader(text), options);
        string[] header = [.. csv.Headers];
        var records = new List<(int Line, string[] Values)>();
        while (csv.Read())
        {
            records.Add(((int)csv.LineNumber, csv.Current.ToArray()));
        }

        return new Table("csv", header, records);
    }

    /// <summary>
    /// The first sheet of a workbook: its first row the header, every later row that is not blank a record, numbers and
    /// dates as the text a person reads in the cell (a phone typed as a number is 13800138000, not 1.38E+10).
    /// </summary>
    private static Table ReadXlsx(Stream workbook)
    {
        List<string[]> rows;
        try
        {
            rows = [.. MiniExcel.Query(workbook, useHeaderRow: false, excelType: ExcelType.XLSX)
                .Select(row => ((IDictionary<string, object?>)row).Values.Select(CellText).ToArray())];
        }
        catch (Exception e) when (e is InvalidDataException or InvalidOperationException or System.Xml.XmlException or IOException or FormatException or ArgumentException or NotSupportedException)
        {
            throw ValidationFailedException.For("body", "is not an Excel workbook (.xlsx); save the list as .xlsx or as \"CSV UTF-8\".");
        }

        if (rows.Count == 0)
        {
            return new Table("xlsx", [], []);
        }

        var width = rows[0].Length;
        while (width > 0 && rows[0][width - 1].Length == 0)
        {
            width--;
        }

        string[] Fit(string[] cells) => cells.Length == width ? cells : [.. cells.Take(width), .. Enumerable.Repeat("", Math.Max(0, width - cells.Length))];

        var records = rows.Skip(1)
            .Select((cells, i) => (Line: i + 2, Cells: cells))
            .Where(r => r.Cells.Any(c => c.Length > 0))
            .Select(r => (r.Line, Fit(r.Cells)))
            .ToList();
        return new Table("xlsx", Fit(rows[0]), records);
    }

    private static string CellText(object? value) => value switch
    {
        null => "",
        string text => text,
        DateTime date => date.ToString(date.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        double number when number == Math.Floor(number) && Math.Abs(number) < 1e15 => ((long)number).ToString(CultureInfo.InvariantCulture),
        bool flag => flag ? "true" : "false",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>Registers every readable row through <paramref name="register"/>, a bounded number at a time.</summary>
    public static async Task<WorkerBatchAnswer> RegisterAsync(
        IReadOnlyList<Row> rows,
        Func<WorkerProfile, Task<WorkerView>> register,
        JsonSerializerOptions json,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        var results = new WorkerBatchRow[rows.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(rows, options, async (row, _) => results[row.Index] = await RegisterRowAsync(row, register, json, logger));
        return new WorkerBatchAnswer(
            results,
            results.Length,
            results.Count(r => r.Status == StatusCodes.Status201Created),
            results.Count(r => r.Status == StatusCodes.Status400BadRequest),
            results.Count(r => r.Status == StatusCodes.Status409Conflict));
    }

    /// <summary>A CSV file with the Chinese headers and one example row, UTF-8 with a BOM so spreadsheets read it as such.</summary>
    public static byte[] Template(DateOnly today) => Template(today, "csv", english: false);

    /// <summary>The template as CSV or XLSX, with the Chinese headers or the English field names, and one example row.</summary>
    public static byte[] Template(DateOnly today, string format, bool english)
    {
        string[] example =
        [
            "", "张三", "13800138000", "530902199801010011", "yunnan", "lincang", "临翔区", "ruralLabour;povertyAlleviated",
            "welder:senior:焊工证", "jiading;baoshan", "6000", today.AddDays(7).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            english ? "true" : "是", "临沧技师学院",
        ];
        string[] header = [.. _columns.Select(c => english ? c.Field : c.Chinese)];
        return Write(format, header, [example]);
    }

    /// <summary>
    /// The rejected rows of an import as a file of the upload's own columns, plus each row's line and the reasons, so
    /// staff correct the rows in it and import the corrected file.
    /// </summary>
    public static byte[] RejectedFile(ImportRejectedRows rejected, string format)
    {
        var english = rejected.Header.Length > 0 && rejected.Header.All(h => h.Trim().Length == 0 || h.Trim().All(char.IsAscii));
        string[] header = [.. rejected.Header, .. _rejectedColumns.Select(c => english ? c.Field : c.Chinese)];
        var records = rejected.Rows.Select(r => (string[])
            [.. r.Cells, r.Rejection.Line.ToString(CultureInfo.InvariantCulture), Reason(r.Rejection)]);
        return Write(format, header, records);
    }

    /// <summary>A row's reasons on one line: every field error, or the refusal's code and text.</summary>
    public static string Reason(ImportRejection rejection) =>
        rejection.Errors is { Count: > 0 } errors
            ? string.Join("; ", errors.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"))
            : string.Join(": ", new[] { rejection.Code, rejection.Detail }.Where(t => !string.IsNullOrEmpty(t)));

    /// <summary>
    /// Checks a readable row as the registration will, without registering it: the rules of the single route and its
    /// id, so the preview shows each row's field errors before anything is stored.
    /// </summary>
    public static ImportRow Check(Row row, ReferenceData refs, DateOnly today, JsonSerializerOptions json)
    {
        if (row.Profile is not { } profile)
        {
            return new ImportRow(row.Index, row.Line ?? 0, row.Cells, null, row.Unreadable!.Errors);
        }

        var named = profile.Id is null ? profile with { Id = IdOf(profile, json) } : profile;
        try
        {
            if (PersonalData.LooksLikePersonalData(named.Id!))
            {
                throw ValidationFailedException.For("id", "must not be a phone or ID number: ids appear in addresses and logs.");
            }

            WorkerRules.Normalize(named, named.Id!, refs, today);
            return new ImportRow(row.Index, row.Line ?? 0, row.Cells, named, null);
        }
        catch (ValidationFailedException e)
        {
            return new ImportRow(row.Index, row.Line ?? 0, row.Cells, null, e.Errors);
        }
    }

    private static byte[] Write(string format, string[] header, IEnumerable<string[]> records)
    {
        using var bytes = new MemoryStream();
        if (format == "xlsx")
        {
            // Every cell as text, so phone and ID numbers stay as typed instead of becoming numbers.
            var sheet = records.Select(values => header.Select((h, i) => (h, v: i < values.Length ? values[i] : ""))
                .ToDictionary(c => c.h, c => (object)c.v));
            MiniExcel.SaveAs(bytes, sheet.DefaultIfEmpty(header.ToDictionary(h => h, _ => (object)"")).ToList(), excelType: ExcelType.XLSX);
            return bytes.ToArray();
        }

        using (var csv = CsvWriter.Create(bytes, CsvWriterOptions.Default with { WriteByteOrderMark = true }, leaveOpen: true))
        {
            csv.WriteHeader(header);
            foreach (var record in records)
            {
                csv.WriteRecord(record);
            }

            csv.Flush();
        }

        return bytes.ToArray();
    }

    private static async Task<WorkerBatchRow> RegisterRowAsync(
        Row row, Func<WorkerProfile, Task<WorkerView>> register, JsonSerializerOptions json, ILogger logger)
    {
        if (row.Profile is not { } profile)
        {
            return Answer(row, null, row.Unreadable!);
        }

        var named = profile.Id is null ? profile with { Id = IdOf(profile, json) } : profile;
        try
        {
            var view = await register(named);
            return new WorkerBatchRow(row.Index, view.Id, StatusCodes.Status201Created) { Line = row.Line };
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var answer = Answer(row, named.Id, e);
            if (answer.Status >= StatusCodes.Status500InternalServerError)
            {
                logger.LogError(e, "Row {Index} of a bulk registration failed", row.Index);
            }

            return answer;
        }
    }

    /// <summary>A refused row, in the terms the exception handler gives the single route.</summary>
    private static WorkerBatchRow Answer(Row row, string? id, Exception exception)
    {
        var problem = DomainExceptionHandler.ProblemFor(exception);
        var status = problem.Status ?? StatusCodes.Status500InternalServerError;
        return new WorkerBatchRow(row.Index, status == StatusCodes.Status409Conflict ? id : row.Id, status)
        {
            Line = row.Line,
            Errors = (problem as ValidationProblemDetails)?.Errors,
            Code = problem.Extensions.TryGetValue("code", out var code) ? code as string : null,
            Detail = problem.Detail ?? (status >= StatusCodes.Status500InternalServerError ? problem.Title : null),
        };
    }

    /// <summary>
    /// The id of a row that names none: a digest of the whole row, so the same list sent again names the same ids
    /// and its rows answer 409 instead of registering the same people twice. Of the whole row, not of the ID number
    /// alone, which anyone could find again by trying every possible number: ids appear in addresses and logs.
    /// </summary>
    private static string IdOf(WorkerProfile profile, JsonSerializerOptions json) =>
        Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(profile, json)))[..32];

    private static Row FromJson(int index, int? line, JsonElement element, JsonSerializerOptions json)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return new Row(index, line, null, null, ValidationFailedException.For(WholeRow, "must be a JSON object with the worker's fields."));
        }

        var id = element.TryGetProperty("id", out var named) && named.ValueKind == JsonValueKind.String ? named.GetString() : null;
        try
        {
            return new Row(index, line, id, element.Deserialize<WorkerProfile>(json), null);
        }
        catch (JsonException e)
        {
            return new Row(index, line, id, null, DomainExceptionHandler.Unreadable(e, WholeRow));
        }
    }

    /// <summary>One JSON value a line; blank lines are skipped, and a line that is not JSON is that row's 400.</summary>
    private static List<Row> ReadNdJson(string text, JsonSerializerOptions json)
    {
        var lines = text.Split('\n')
            .Select((content, number) => (Line: number + 1, Content: content.TrimEnd('\r')))
            .Where(l => !string.IsNullOrWhiteSpace(l.Content))
            .ToList();
        CheckCount(lines.Count);
        var rows = new List<Row>(lines.Count);
        foreach (var (line, content) in lines)
        {
            try
            {
                using var document = JsonDocument.Parse(content);
                rows.Add(FromJson(rows.Count, line, document.RootElement, json));
            }
            catch (JsonException e)
            {
                rows.Add(new Row(rows.Count, line, null, null, DomainExceptionHandler.Unreadable(e, WholeRow)));
            }
        }

        return rows;
    }

    /// <summary>The field each column holds (null for a blank header cell, whose values are ignored).</summary>
    private static string?[] HeaderFields(string[] header)
    {
        var errors = new FieldErrors();
        var fields = new string?[header.Length];
        for (var i = 0; i < header.Length; i++)
        {
            var name = header[i].Trim();
            if (name.Length == 0)
            {
                continue;
            }

            var column = Array.FindIndex(_columns, c => string.Equals(c.Field, name, StringComparison.OrdinalIgnoreCase) || c.Chinese == name);
            if (column < 0)
            {
                errors.Add("columns", $"'{name}' (column {i + 1}) is not a known column: name them by the worker's field names or their Chinese headers (GET /api/workers/import/template).");
            }
            else if (fields.Contains(_columns[column].Field))
            {
                errors.Add("columns", $"'{name}' (column {i + 1}) names the field '{_columns[column].Field}' a second time.");
            }
            else
            {
                fields[i] = _columns[column].Field;
            }
        }

        errors.ThrowIfAny();
        return fields;
    }

    /// <summary>A CSV record as the worker the single route would have been sent; values it cannot read are field errors.</summary>
    private static Row FromCsv(int index, int line, string[] values, string?[] fields)
    {
        var errors = new FieldErrors();
        if (values.Length != fields.Length)
        {
            errors.Add(WholeRow, $"has {values.Length} values, but the header names {fields.Length} columns.");
        }

        string Cell(string field)
        {
            var column = Array.IndexOf(fields, field);
            return column >= 0 && column < values.Length ? values[column].Trim() : "";
        }

        var profile = new WorkerProfile
        {
            Id = Cell("id") is { Length: > 0 } id ? id : null,
            Name = Cell("name"),
            Phone = Cell("phone"),
            IdNumber = Cell("idNumber"),
            OriginProvince = Cell("originProvince"),
            OriginPrefecture = Cell("originPrefecture"),
            OriginCounty = Cell("originCounty"),
            Categories = List(Cell("categories")),
            Skills = Skills(Cell("skills"), errors),
            DesiredDistricts = List(Cell("desiredDistricts")),
            MinWage = WholeNumber(Cell("minWage"), "minWage", errors),
            AvailableFrom = Date(Cell("availableFrom"), "availableFrom", errors),
            NeedsLodging = YesNo(Cell("needsLodging"), "needsLodging", errors),
            Programmes = List(Cell("programmes")),
        };
        return errors.ToException() is { } unreadable
            ? new Row(index, line, profile.Id, null, unreadable) { Cells = values }
            : new Row(index, line, profile.Id, profile, null) { Cells = values };
    }

    private static string[] List(string cell) =>
        cell.Split(_listSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary><c>welder:senior:焊工证、电工证;general:junior</c>: trade, level and certificates per skill.</summary>
    private static WorkerSkill[] Skills(string cell, FieldErrors errors)
    {
        var items = List(cell);
        var skills = new WorkerSkill[items.Length];
        for (var i = 0; i < items.Length; i++)
        {
            var parts = items[i].Split(_skillParts, StringSplitOptions.TrimEntries);
            if (parts.Length > 3)
            {
                errors.Add($"skills[{i}]", "must be trade:level or trade:level:certificates, e.g. welder:senior:焊工证.");
            }

            skills[i] = new WorkerSkill
            {
                Trade = parts[0],
                Level = parts.Length > 1 ? parts[1] : "",
                Certificates = parts.Length > 2
                    ? parts[2].Split(_certificateSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    : [],
            };
        }

        return skills;
    }

    private static int WholeNumber(string cell, string field, FieldErrors errors)
    {
        if (cell.Length == 0)
        {
            return 0;
        }

        if (int.TryParse(cell, NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        errors.Add(field, "must be a whole number.");
        return 0;
    }

    private static DateOnly Date(string cell, string field, FieldErrors errors)
    {
        if (cell.Length == 0)
        {
            return default;
        }

        if (DateOnly.TryParseExact(cell, _dateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        errors.Add(field, "must be a date yyyy-MM-dd.");
        return default;
    }

    private static bool YesNo(string cell, string field, FieldErrors errors)
    {
        if (cell.Length == 0 || _no.Contains(cell, StringComparer.OrdinalIgnoreCase))
        {
            return false;
        }

        if (_yes.Contains(cell, StringComparer.OrdinalIgnoreCase))
        {
            return true;
        }

        errors.Add(field, "must be 是 or 否 (true or false).");
        return false;
    }

    private static void CheckCount(int rows) => CheckCount(rows, MaxRows);

    private static void CheckCount(int rows, int maxRows)
    {
        if (rows == 0)
        {
            throw ValidationFailedException.For("body", "has no rows.");
        }

        if (rows > maxRows)
        {
            throw ValidationFailedException.For(
                "body",
                string.Create(CultureInfo.InvariantCulture, $"has {rows:N0} rows; at most {maxRows:N0} are registered at once: split the list."));
        }
    }

    private static string? MediaTypeOf(HttpRequest request) =>
        MediaTypeHeaderValue.TryParse(request.ContentType, out var type) ? type.MediaType.Value : null;

    private static BadHttpRequestException Unsupported(string expected) =>
        new($"The body must be {expected}.", StatusCodes.Status415UnsupportedMediaType);

    /// <summary>The whole body as UTF-8 text; a BOM is skipped, bytes that are not UTF-8 are the body's 400.</summary>
    private static async Task<string> ReadTextAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body, _strictUtf8, detectEncodingFromByteOrderMarks: true, bufferSize: -1, leaveOpen: true);
        try
        {
            return await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        }
        catch (DecoderFallbackException)
        {
            throw ValidationFailedException.For("body", "is not UTF-8 text (from a spreadsheet, save it as \"CSV UTF-8\").");
        }
    }
}
