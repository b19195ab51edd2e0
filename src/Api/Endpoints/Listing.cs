using Matching.Catalog;
using Matching.Errors;
using Matching.Validation;
using Microsoft.AspNetCore.Mvc;

namespace Matching.Api.Endpoints;

/// <summary>One page of a list route.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int Total, int Skip, int Take);

/// <summary>
/// What every list route's query has besides its filters: <c>skip</c> (from 0) and <c>take</c> (1 to 200, 50 when
/// absent). Each list binds its query as one record (<c>[AsParameters]</c>) implementing this; each of its values
/// names its query parameter, since the API description would otherwise name them as the properties are
/// (<c>Skip</c>), not as clients send them.
/// </summary>
public interface IPageQuery
{
    int? Skip { get; }

    int? Take { get; }
}

/// <summary>The query of a list that has no filters: the page only.</summary>
public sealed record PageQuery(
    [FromQuery(Name = "skip")] int? Skip,
    [FromQuery(Name = "take")] int? Take) : IPageQuery;

/// <summary>What the resources' routes share: ids for new entities and paged, filtered lists.</summary>
internal static class Listing
{
    public const int DefaultTake = 50;
    public const int MaxTake = 200;

    /// <summary>Filters whose values are ids: one rule for id case everywhere, exact (ordinal).</summary>
    private static readonly HashSet<string> _idFilters = new(StringComparer.Ordinal) { "employer" };

    /// <summary>The caller's id when valid, else a new time-ordered one so lists read in creation order.</summary>
    public static string ResolveId(string? requested)
    {
        if (requested is null)
        {
            return Guid.CreateVersion7().ToString("N");
        }

        return FieldErrors.IsValidId(requested)
            ? requested
            : throw ValidationFailedException.For("id", "must be 1-64 characters of letters, digits, '.', '_' or '-', starting with a letter or digit.");
    }

    /// <summary>The page a list route was asked for: <c>skip</c> from 0, <c>take</c> 1 to <see cref="MaxTake"/>.</summary>
    public static (int Skip, int Take) Paging(IPageQuery query)
    {
        var errors = new FieldErrors();
        var range = Paging(errors, query.Skip, query.Take);
        errors.ThrowIfAny();
        return range;
    }

    private static (int Skip, int Take) Paging(FieldErrors errors, int? skip, int? take) =>
        (errors.Range("skip", skip ?? 0, 0, int.MaxValue), errors.Range("take", take ?? DefaultTake, 1, MaxTake));

    /// <summary>Reads the matching ids from the kind's catalog, then each entity's view from its grain.</summary>
    public static async Task<Page<TView>> PageAsync<TView>(
        IGrainFactory grains,
        string kind,
        (string Name, string? Value) status,
        IReadOnlyCollection<string> knownStatuses,
        IEnumerable<(string Name, string? Value)> filters,
        IPageQuery query,
        Func<string, Task<TView>> load)
    {
        var errors = new FieldErrors();
        var statusCode = status.Value is null ? null : errors.Code(status.Name, status.Value, knownStatuses);
        var (from, count) = Paging(errors, query.Skip, query.Take);
        var tags = new List<string>();
        foreach (var (name, value) in filters)
        {
            if (value is not null)
            {
                // Codes are lower case whatever the caller typed; ids are compared exactly, as tenancy compares them.
                var text = errors.Text(name, value, 64);
                tags.Add($"{name}:{(_idFilters.Contains(name) ? text : text.ToLowerInvariant())}");
            }
        }

        errors.ThrowIfAny();
        var page = await grains.GetGrain<ICatalogGrain>(kind).QueryAsync(new CatalogQuery(statusCode, [.. tags], from, count));
        var items = await Task.WhenAll(page.Ids.Select(load));
        return new Page<TView>(items, page.Total, from, count);
    }
}
