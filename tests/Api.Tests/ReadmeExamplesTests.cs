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

        var statuses = new List<int>();
        foreach (var command in commands)
        {
            statuses.Add(await RunAsync(command.Replace(DocumentedBase, baseAddress, StringComparison.Ordinal)));
        }

        // The order of the README: creates, lists, site and beds, fair, a bad request, matching, the fair, holds (a retry
        // replays the 201), lifecycle, health.
        Assert.Equal([201, 201, 201, 200, 200, 201, 201, 201, 400, 200, 200, 200, 200, 200, 201, 201, 200, 200, 200, 200, 200], statuses);
    }

    private static List<string> CurlCommands(string readme)
    {
        var joined = readme.Replace("\\\n", " ", StringComparison.Ordinal);
        return [.. joined.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("curl ", StringComparison.Ordinal))];
    }

    private static async Task<int> RunAsync(string command)
    {
        var start = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"{command} -o /dev/null -w '%{{http_code}}'");
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"'{command}' exited with {process.ExitCode}: {await process.StandardError.ReadToEndAsync()}");
        return int.Parse(StatusPattern().Match(output).Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string RepositoryRoot()
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
