using System.Text.RegularExpressions;
using Matching.Errors;
using Matching.Feeds;
using Matching.Reference;

namespace Matching.Api.Tests;

/// <summary>
/// The codes clients branch on are the documented ones, both ways: every documented code is a constant of the
/// product, every constant is documented, and no code is written anywhere but in its constant.
/// </summary>
public sealed partial class DocumentedCodesTests
{
    /// <summary>
    /// The public contract's hubs and the events each pushes, as API.md lists them ("Hubs (SignalR, JSON protocol)").
    /// API.md is the contract the outside clients are written against and is kept outside this repository, hence the copy.
    /// </summary>
    public static TheoryData<string, string[]> ContractHubEvents => new()
    {
        { "/hubs/recruiter", ["CandidateFound", "CandidateWithdrawn", "CandidateRankChanged", "HoldChanged", "Hired"] },
        { "/hubs/fair", ["BoardChanged", "MatchMade"] },
        { "/hubs/lodging", ["BedCountsChanged"] },
    };

    [Fact]
    public void Every_problem_code_is_documented_in_the_readme_and_every_documented_one_is_a_constant()
    {
        Assert.Equal(Sorted(Documented("Problem codes")), Sorted(ProblemCodes.All));
        Assert.Equal(ProblemCodes.All.Count, ProblemCodes.All.Distinct().Count());
    }

    [Fact]
    public void Every_withdrawal_reason_is_documented_and_every_documented_one_is_a_constant()
    {
        Assert.Equal(Sorted(Documented("Withdrawal reasons")), Sorted(WithdrawalReasons.All));
        Assert.Contains(WithdrawalReasons.OrderClosed, Documented("Withdrawal reasons"));
    }

    [Fact]
    public void Every_hold_state_is_documented_and_every_documented_one_is_a_constant()
    {
        Assert.Equal(Sorted(Documented("Hold states")), Sorted(HoldStates.All));
    }

    [Theory]
    [MemberData(nameof(ContractHubEvents))]
    public void Every_event_the_contract_names_is_a_pushed_event_of_the_product(string hub, string[] events)
    {
        var pushed = typeof(FeedEvent).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(FeedEvent)) && !t.IsAbstract)
            .Select(t => t.Name)
            .ToHashSet();

        Assert.All(events, e => Assert.True(pushed.Contains(e), $"{hub} pushes {e}, which is no event of the product"));
        Assert.All(events, e => Assert.Equal("Matching.Feeds", typeof(FeedEvent).Assembly.GetTypes().Single(t => t.Name == e).Namespace));
    }

    /// <summary>API.md's vocabulary of codes for employers and workers (the REST table and "Vocabulary").</summary>
    [Fact]
    public void The_contract_vocabularies_are_the_products()
    {
        Assert.Equal(["good", "watch", "blocked"], ReferenceData.CreditStandings);
        Assert.Equal(["ruralLabour", "povertyAlleviated", "studentIntern"], ReferenceData.WorkerCategories);
        Assert.Equal(["junior", "intermediate", "senior", "technician"], ReferenceData.Levels);
    }

    /// <summary>A code written out where a refusal is raised would escape both checks above, so none may be.</summary>
    [Fact]
    public void No_code_is_written_out_where_a_refusal_is_raised()
    {
        var sources = Directory.EnumerateFiles(Path.Combine(ReadmeExamplesTests.RepositoryRoot(), "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        var written = sources
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetFileName(f), Line: i + 1, Text: line)))
            .Where(l => WrittenCode().IsMatch(l.Text))
            .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}")
            .ToList();

        Assert.Empty(written);
    }

    [GeneratedRegex("""ConflictException\(\s*\$?"|\["code"\]\s*=\s*\$?"|HoldEvent\([^)]*"|EndHold\([^)]*"|ReleaseHold\([^)]*"|Withdrawn\([^)]*, "[a-z]""")]
    private static partial Regex WrittenCode();

    private static string[] Sorted(IEnumerable<string> codes) => [.. codes.Order(StringComparer.Ordinal)];

    /// <summary>The first column's codes of the table under <c>### {heading}</c> in the README's "Codes" section.</summary>
    private static List<string> Documented(string heading)
    {
        var readme = File.ReadAllText(Path.Combine(ReadmeExamplesTests.RepositoryRoot(), "README.md"));
        var section = readme[readme.IndexOf("\n## Codes\n", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n## ", 1, StringComparison.Ordinal)];
        var start = section.IndexOf($"\n### {heading}\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"The README's Codes section has no '{heading}'.");
        var table = section[start..];
        var end = table.IndexOf("\n### ", 1, StringComparison.Ordinal);
        table = end < 0 ? table : table[..end];
        var codes = table.Split('\n')
            .Select(l => TableCode().Match(l))
            .Where(m => m.Success)
            .Select(m => m.Groups[1].Value)
            .ToList();
        Assert.NotEmpty(codes);
        return codes;
    }

    [GeneratedRegex(@"^\|\s*`([^`]+)`\s*\|")]
    private static partial Regex TableCode();
}
