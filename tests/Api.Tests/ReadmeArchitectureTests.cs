using System.Text.RegularExpressions;

namespace Matching.Api.Tests;

/// <summary>
/// The README's architecture section is how a newcomer finds the file that holds a rule; a file moved or renamed
/// without it would send them nowhere. Every path it names must exist, and every file of the rules table must be
/// where its row says.
/// </summary>
public sealed partial class ReadmeArchitectureTests
{
    private static readonly string _root = ReadmeExamplesTests.RepositoryRoot();
    private static readonly string _readme = File.ReadAllText(Path.Combine(_root, "README.md"));

    [Fact]
    public void Every_path_the_readme_names_exists()
    {
        var paths = PathPattern().Matches(_readme).Select(m => m.Groups["path"].Value)
            .Where(p => !p.Contains('<') && !p.Contains('*') && !p.Contains("/bin/", StringComparison.Ordinal))
            .Select(p => p.TrimEnd('/'))
            .Distinct()
            .ToArray();

        Assert.NotEmpty(paths);
        Assert.All(paths, p => Assert.True(
            File.Exists(Path.Combine(_root, p)) || Directory.Exists(Path.Combine(_root, p)), $"README names {p}, which does not exist."));
    }

    [Fact]
    public void Every_file_of_the_rules_table_is_in_the_folder_its_row_names()
    {
        var rows = Section("Where each rule lives").Split('\n').Where(l => l.StartsWith("| ", StringComparison.Ordinal)).Skip(2).ToArray();

        Assert.NotEmpty(rows);
        foreach (var row in rows)
        {
            // A bare file name continues the folder of the path before it in the same cell.
            var folder = "";
            foreach (var name in CodeSpans().Matches(row.Split('|')[2]).Select(m => m.Groups["code"].Value).Where(n => n.EndsWith(".cs", StringComparison.Ordinal)))
            {
                if (name.Contains('/'))
                {
                    folder = Path.GetDirectoryName(name)!;
                    if (name.Contains('<'))
                    {
                        continue;
                    }
                }

                var path = name.Contains('/') ? name : Path.Combine(folder, name);
                Assert.True(File.Exists(Path.Combine(_root, path)), $"The rules table names {path} (row: {row.Split('|')[1].Trim()}), which does not exist.");
            }
        }
    }

    private static string Section(string heading)
    {
        var start = _readme.IndexOf($"### {heading}\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"README has no section {heading}.");
        var end = _readme.IndexOf("\n**", start, StringComparison.Ordinal);
        return _readme[start..(end < 0 ? _readme.Length : end)];
    }

    [GeneratedRegex(@"`(?<path>(?:src|tests|bench)/[^`\s:]+)`")]
    private static partial Regex PathPattern();

    [GeneratedRegex(@"`(?<code>[^`]+)`")]
    private static partial Regex CodeSpans();
}
