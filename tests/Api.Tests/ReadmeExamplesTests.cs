using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Matching.Api.Tests;

/// <summary>The README's curl examples work exactly as written, against a fresh product.</summary>
public sealed partial class ReadmeExamplesTests
{
    private const string DocumentedBase = "http://localhost:5000";

    [Fact]
    public async Task Every_curl_example_answers_as_the_readme_says()
    {
        var commands = CurlCommands(await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "README.md")));
        await using var factory = new ApiFactory();
        var baseAddress = factory.Client().BaseAddress!.ToString().TrimEnd('/');

        // Variables the README sets (TOKEN=$(curl ...)) are kept for the lines after them, as in one shell.
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        var statuses = new List<int>();
        foreach (var command in commands.Select(c => c.Replace(DocumentedBase, baseAddress, StringComparison.Ordinal)))
        {
            if (AssignmentPattern().Match(command) is { Success: true } assignment)
            {
                var name = assignment.Groups[1].Value;
                var value = await RunAsync($"{command}; printf %s \"${name}\"", variables);
                Assert.Matches(@"^[\w-]+\.[\w-]+\.[\w-]+$", value);
                variables[name] = value;
                continue;
            }

            var output = await RunAsync($"{command} -o /dev/null -w '%{{http_code}}'", variables);
            statuses.Add(int.Parse(StatusPattern().Match(output).Value, System.Globalization.CultureInfo.InvariantCulture));
        }

        // The order of the README: creates, lists, site and beds, fair, a bad request, matching, the fair, holds (a retry
        // replays the 201), lifecycle, health; bulk registration (a JSON array, NDJSON, a CSV file, the template imported);
        // the template uploaded as a spreadsheet import; fair day (a check-in card, the close, the board with its summary);
        // reports (five tables, a CSV file, bad parameters); then authentication: no token, a recruiter's own order and
        // a worker it does not hold, another employer's recruiter.
        Assert.Equal([201, 201, 201, 200, 200, 201, 201, 201, 400, 200, 200, 200, 200, 200, 201, 201, 200, 200, 200, 200, 200, 200, 200, 200, 200, 201, 200, 200, 200, 200, 200, 200, 200, 200, 200, 400, 401, 200, 404, 403, 403], statuses);
        Assert.Equal(["ACME", "OTHER", "TOKEN"], variables.Keys.Order());

        // The bulk examples registered their valid rows and nothing else: the first example's worker, four from the
        // array, the NDJSON and the CSV, and the template's example row.
        var admin = factory.Client();
        foreach (var id in new[] { "w-dali-1", "w-nujiang-1", "w-nujiang-2", "w-puer-1" })
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, (await admin.GetAsync($"/api/workers/{id}")).StatusCode);
        }

        Assert.Equal(6, (await (await admin.GetAsync("/api/workers")).JsonAsync()).GetProperty("total").GetInt32());
    }

    /// <summary>The README's curl lines and the variable assignments that run curl, continuation lines joined.</summary>
    private static List<string> CurlCommands(string readme)
    {
        var joined = readme.Replace("\\\n", " ", StringComparison.Ordinal);
        return [.. joined.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("curl ", StringComparison.Ordinal) || AssignmentPattern().IsMatch(l))];
    }

    private static async Task<string> RunAsync(string command, IReadOnlyDictionary<string, string> variables)
    {
        var start = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command);
        foreach (var (name, value) in variables)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"'{command}' exited with {process.ExitCode}: {await process.StandardError.ReadToEndAsync()}");
        return output;
    }

    [GeneratedRegex(@"^([A-Z_]+)=\$\(curl ")]
    private static partial Regex AssignmentPattern();

    internal static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Matching.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new DirectoryNotFoundException("Matching.sln not found above the test folder.");
    }

    [GeneratedRegex("[0-9]{3}$")]
    private static partial Regex StatusPattern();
}
