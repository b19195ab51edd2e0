namespace Matching.Reports;

/// <summary>A row's place: its keys (codes) and their labels, outermost first.</summary>
public readonly record struct ReportGroup(string[] Keys, string[] Labels)
{
    public static ReportGroup Of(params (string Key, string Label)[] levels) =>
        new([.. levels.Select(l => l.Key)], [.. levels.Select(l => l.Label)]);
}

/// <summary>
/// Gathers a report's figures per group and over the whole selection at once. People and things are counted
/// by who they are (<see cref="Count"/>), so a worker of two categories is in both rows but once in the total,
/// and counting the same hire twice changes nothing; quantities such as nights are summed (<see cref="Add"/>).
/// </summary>
public sealed class ReportBuilder(int width)
{
    private readonly Dictionary<string, Tally> _groups = new(StringComparer.Ordinal);
    private readonly Tally _total = new(new ReportGroup([], []), width);

    /// <summary>Counts <paramref name="member"/> once in column <paramref name="column"/> of the group and of the total.</summary>
    public void Count(ReportGroup group, int column, string member)
    {
        TallyOf(group).Count(column, member);
        _total.Count(column, member);
    }

    /// <summary>Adds <paramref name="amount"/> to column <paramref name="column"/> of the group and of the total.</summary>
    public void Add(ReportGroup group, int column, double amount)
    {
        TallyOf(group).Values[column] += amount;
        _total.Values[column] += amount;
    }

    /// <summary>Makes the group a row even with nothing counted in it (a site with no stays still offers beds).</summary>
    public void Touch(ReportGroup group) => TallyOf(group);

    /// <summary>
    /// The rows, largest first by their first figure, then by their keys; <paramref name="derive"/> fills in
    /// figures computed from the others (an average) on every row and on the total.
    /// </summary>
    public (ReportRow[] Rows, double[] Total) Build(Action<double[]>? derive = null)
    {
        var rows = _groups.Values
            .Select(t => t.ToRow(derive))
            .OrderByDescending(r => r.Values.Length > 0 ? r.Values[0] : 0)
            .ThenBy(r => string.Join('\u001f', r.Keys), StringComparer.Ordinal)
            .ToArray();
        return (rows, _total.ToRow(derive).Values);
    }

    private Tally TallyOf(ReportGroup group)
    {
        var key = string.Join('\u001f', group.Keys);
        if (!_groups.TryGetValue(key, out var tally))
        {
            tally = new Tally(group, width);
            _groups[key] = tally;
        }

        return tally;
    }

    private sealed class Tally(ReportGroup group, int width)
    {
        private readonly HashSet<string>?[] _members = new HashSet<string>?[width];

        public double[] Values { get; } = new double[width];

        public void Count(int column, string member)
        {
            if ((_members[column] ??= new HashSet<string>(StringComparer.Ordinal)).Add(member))
            {
                Values[column]++;
            }
        }

        public ReportRow ToRow(Action<double[]>? derive)
        {
            var values = (double[])Values.Clone();
            derive?.Invoke(values);
            return new ReportRow(group.Keys, group.Labels, values);
        }
    }
}
