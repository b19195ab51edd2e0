using System.Globalization;
using CsvHelper;
using Matching.Reports;
using Matching.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using MiniExcelLibs;

namespace Matching.Api.Endpoints;

/// <summary>
/// A report table as a file officials open in a spreadsheet: Chinese headers (the groups' labels, then the
/// figures), one line per group and a closing 合计 line. CSV is UTF-8 with a byte-order mark, without which
/// Excel reads the Chinese text as the system's code page; XLSX needs no such care.
/// </summary>
public static class ReportFiles
{
    public enum Format
    {
        Csv,
        Xlsx,
    }

    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The file asked for by <c>?format=</c>; null for JSON (no format, or <c>json</c>).</summary>
    public static Format? Parse(string? format) => format?.Trim().ToLowerInvariant() switch
    {
        "csv" => Format.Csv,
        "xlsx" => Format.Xlsx,
        _ => null,
    };

    public static void Check(FieldErrors e, string? format)
    {
        if (!string.IsNullOrWhiteSpace(format) && Parse(format) is null && !format.Trim().Equals("json", StringComparison.OrdinalIgnoreCase))
        {
            e.Add("format", "must be json, csv or xlsx.");
        }
    }

    public static FileContentHttpResult Write(ReportTable table, Format format)
    {
        var name = $"{table.Title}_{table.From:yyyy-MM-dd}至{table.To:yyyy-MM-dd}";
        return format == Format.Csv
            ? TypedResults.File(Csv(table), "text/csv; charset=utf-8", $"{name}.csv")
            : TypedResults.File(Spreadsheet(table), Xlsx, $"{name}.xlsx");
    }

    /// <summary>The header line: one column per grouping level, then one per figure.</summary>
    public static string[] Headers(ReportTable table) =>
        [.. table.GroupColumns.Select(c => c.Label), .. table.ValueColumns.Select(c => c.Label)];

    private static byte[] Csv(ReportTable table)
    {
        using var bytes = new MemoryStream();
        using (var csv = CsvWriter.Create(bytes, CsvWriterOptions.Default with { WriteByteOrderMark = true }, leaveOpen: true))
        {
            var lines = Lines(table).Select(line => line.Select(cell => cell is double d ? Number(d) : (string)cell).ToArray()).ToList();
            csv.WriteHeader(lines[0]);
            foreach (var line in lines.Skip(1))
            {
                csv.WriteRecord(line);
            }

            csv.Flush();
        }

        return bytes.ToArray();
    }

    private static byte[] Spreadsheet(ReportTable table)
    {
        var headers = Headers(table);
        var rows = Lines(table).Skip(1).Select(line =>
        {
            var row = new Dictionary<string, object>(headers.Length);
            for (var i = 0; i < headers.Length; i++)
            {
                row[headers[i]] = line[i];
            }

            return row;
        });
        using var buffer = new MemoryStream();
        buffer.SaveAs(rows.ToList(), sheetName: table.Title);
        return buffer.ToArray();
    }

    /// <summary>The header, the rows by their labels, and the total; figures stay numbers until written.</summary>
    private static IEnumerable<object[]> Lines(ReportTable table)
    {
        yield return Headers(table);
        foreach (var row in table.Rows)
        {
            yield return [.. row.Labels, .. row.Values.Cast<object>()];
        }

        var total = new object[table.GroupColumns.Length + table.Total.Length];
        Array.Fill(total, "");
        total[0] = "合计";
        table.Total.CopyTo(total, table.GroupColumns.Length);
        yield return total;
    }

    private static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
