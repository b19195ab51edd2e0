using Matching.Validation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Matching.Holds;

/// <summary>
/// How long a hold lasts when a request names no time to live, and the bounds of one it names: the same keys
/// under every section of holds (<c>Matching:Holds</c> for job slots, <c>Matching:Lodging</c> for beds), read
/// the same way, checked when the silo starts.
/// </summary>
public abstract class HoldTtlOptions
{
    /// <summary>Half an hour unless the request asks otherwise.</summary>
    public int DefaultTtlSeconds { get; set; } = 1800;

    public int MinTtlSeconds { get; set; } = 30;

    /// <summary>One day: long enough for an interview or a journey, short enough that a forgotten hold frees what it keeps.</summary>
    public int MaxTtlSeconds { get; set; } = 86_400;

    /// <summary>The time to live a request asks for (<c>ttlSeconds</c>), or the default; out of bounds is a field error.</summary>
    public TimeSpan Ttl(int? requestedSeconds, FieldErrors errors) =>
        TimeSpan.FromSeconds(errors.Range("ttlSeconds", requestedSeconds ?? DefaultTtlSeconds, MinTtlSeconds, MaxTtlSeconds));

    /// <summary>Every broken limit, so a bad configuration stops the silo at start with all reasons at once.</summary>
    public virtual IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (MinTtlSeconds < 1 || MinTtlSeconds > DefaultTtlSeconds || DefaultTtlSeconds > MaxTtlSeconds)
        {
            problems.Add($"hold times must satisfy 1 <= {nameof(MinTtlSeconds)} <= {nameof(DefaultTtlSeconds)} <= {nameof(MaxTtlSeconds)}.");
        }

        if (MaxTtlSeconds > 7 * 86_400)
        {
            problems.Add($"{nameof(MaxTtlSeconds)} must be at most a week.");
        }

        return problems;
    }
}

public static class HoldTtlServices
{
    /// <summary>
    /// Binds <typeparamref name="T"/> from <paramref name="section"/> and checks its <see cref="HoldTtlOptions.Problems"/>
    /// when the silo starts. <paramref name="renamed"/> names keys the section no longer reads (old name → new): a
    /// configuration still naming one fails the start instead of being ignored.
    /// </summary>
    public static IServiceCollection AddHoldTtlOptions<T>(
        this IServiceCollection services, IConfiguration configuration, string section, IReadOnlyDictionary<string, string>? renamed = null)
        where T : HoldTtlOptions
    {
        var keys = configuration.GetSection(section);
        services.AddOptions<T>().Bind(keys).ValidateOnStart();
        services.AddSingleton<IValidateOptions<T>>(new ProblemsValidator<T>(section, keys, renamed ?? new Dictionary<string, string>()));
        return services;
    }

    private sealed class ProblemsValidator<T>(string section, IConfiguration keys, IReadOnlyDictionary<string, string> renamed) : IValidateOptions<T>
        where T : HoldTtlOptions
    {
        public ValidateOptionsResult Validate(string? name, T options)
        {
            var problems = options.Problems()
                .Concat(renamed.Where(r => keys[r.Key] is not null).Select(r => $"{r.Key} is now called {r.Value}."))
                .ToList();
            return problems.Count > 0
                ? ValidateOptionsResult.Fail(problems.Select(p => $"{section}: {p}"))
                : ValidateOptionsResult.Success;
        }
    }
}
