namespace Matching.Reports;

/// <summary>
/// A report as a table: the grouping columns (codes and Chinese labels), the figures per row in the order of
/// <see cref="ValueColumns"/>, and the total over the whole selection. The same table is answered as JSON and
/// written to CSV and XLSX, so the three always agree.
/// </summary>
/// <param name="Report"><c>placements</c>, <c>interns</c>, <c>lodging</c> or <c>fairs</c>.</param>
/// <param name="Title">The report's Chinese title, also the sheet name of an export.</param>
/// <param name="From">First day of the range (Shanghai time), inclusive.</param>
/// <param name="To">Last day of the range, inclusive.</param>
/// <param name="GroupBy">The grouping the rows follow.</param>
/// <param name="GroupColumns">What each of a row's keys is, outermost first (e.g. province, prefecture, county).</param>
/// <param name="ValueColumns">What each of a row's values is.</param>
/// <param name="Rows">One per group with anything to count, the largest first.</param>
/// <param name="Total">The figures over the whole selection; a worker in two groups counts once here.</param>
/// <param name="GeneratedAt">When the entities were read.</param>
/// <param name="FairId">The fair of a one-fair report, whose date is then the range.</param>
[GenerateSerializer, Immutable, Alias("ReportTable")]
public sealed record ReportTable(
    [property: Id(0)] string Report,
    [property: Id(1)] string Title,
    [property: Id(2)] DateOnly From,
    [property: Id(3)] DateOnly To,
    [property: Id(4)] string GroupBy,
    [property: Id(5)] ReportColumn[] GroupColumns,
    [property: Id(6)] ReportColumn[] ValueColumns,
    [property: Id(7)] ReportRow[] Rows,
    [property: Id(8)] double[] Total,
    [property: Id(9)] DateTimeOffset GeneratedAt,
    [property: Id(10)] string? FairId = null);

/// <summary>A column: its code in the API and its Chinese header in pages and exports.</summary>
[GenerateSerializer, Immutable, Alias("ReportColumn")]
public sealed record ReportColumn([property: Id(0)] string Key, [property: Id(1)] string Label);

/// <summary>One group: its keys (codes; a county is its own text) with their labels, and its figures.</summary>
[GenerateSerializer, Immutable, Alias("ReportRow")]
public sealed record ReportRow(
    [property: Id(0)] string[] Keys,
    [property: Id(1)] string[] Labels,
    [property: Id(2)] double[] Values);
