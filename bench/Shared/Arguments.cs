using System.Globalization;

namespace Matching.Bench;

/// <summary>
/// <c>--name value</c> options of the bench commands; a name given twice keeps the last value. A name followed by
/// another name or by nothing is a switch (<c>--cluster</c>), read with <see cref="Flag"/>.
/// </summary>
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
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Expected '--name value' pairs or '--switch', got '{args[i]}'.");
            }

            var isSwitch = i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal);
            parsed._values[args[i][2..]] = isSwitch ? "true" : args[++i];
        }

        return parsed;
    }

    public int Int(string name, int fallback) =>
        _values.TryGetValue(name, out var text) ? int.Parse(text.Replace("_", "", StringComparison.Ordinal), CultureInfo.InvariantCulture) : fallback;

    /// <summary>Whether the switch was given (<c>--name</c>, or <c>--name true</c>).</summary>
    public bool Flag(string name) => _values.TryGetValue(name, out var text) && bool.Parse(text);

    public string Text(string name, string fallback) => _values.TryGetValue(name, out var text) ? text : fallback;
}
