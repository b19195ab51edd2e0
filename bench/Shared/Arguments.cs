using System.Globalization;

namespace Matching.Bench;

/// <summary><c>--name value</c> options of the bench commands; a name given twice keeps the last value.</summary>
public sealed class Arguments
{
    private readonly Dictionary<string, string> _values = new(StringComparer.OrdinalIgnoreCase);

    private Arguments()
    {
    }

    public static Arguments Parse(IReadOnlyList<string> args)
    {
        var parsed = new Arguments();
        for (var i = 0; i < args.Count; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
            {
                throw new ArgumentException($"Expected '--name value' pairs, got '{args[i]}'.");
            }

            parsed._values[args[i][2..]] = args[++i];
        }

        return parsed;
    }

    public int Int(string name, int fallback) =>
        _values.TryGetValue(name, out var text) ? int.Parse(text.Replace("_", "", StringComparison.Ordinal), CultureInfo.InvariantCulture) : fallback;

    public string Text(string name, string fallback) => _values.TryGetValue(name, out var text) ? text : fallback;
}
