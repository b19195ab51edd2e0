using Matching.Reference;
using Matching.Validation;

namespace Matching.Lodging;

/// <summary>Field rules of lodging sites and their beds.</summary>
public static class LodgingRules
{
    /// <summary>Beds one request may add; the article's largest hotel has 150.</summary>
    public const int MaxBedsPerRequest = 500;

    public const int MaxBedsPerSite = 2_000;

    public static LodgingSiteProfile Normalize(LodgingSiteProfile input, string id)
    {
        var e = new FieldErrors();
        var profile = new LodgingSiteProfile
        {
            Id = e.SameId(input.Id, id),
            Name = e.Text("name", input.Name, 200),
            District = e.Code("district", input.District, ReferenceData.Districts.Keys),
            Town = e.Text("town", input.Town, 50, required: false),
            Address = e.Text("address", input.Address, 200, required: false),
        };
        e.ThrowIfAny();
        return profile;
    }

    /// <summary>The labels of the beds to add, numbered on from <paramref name="existing"/> when only a count is given.</summary>
    public static string[] BedLabels(AddBedsRequest request, int existing)
    {
        var e = new FieldErrors();
        string[] labels;
        if (request.Labels is { Length: > 0 })
        {
            if (request.Count is not null && request.Count != request.Labels.Length)
            {
                e.Add("count", "must match the number of labels when both are given.");
            }

            labels = e.Texts("labels", request.Labels, MaxBedsPerRequest, 50);
        }
        else
        {
            var count = e.Range("count", request.Count ?? 0, 1, MaxBedsPerRequest);
            labels = [.. Enumerable.Range(existing + 1, Math.Clamp(count, 0, MaxBedsPerRequest)).Select(n => $"{n:D3}")];
        }

        if (existing + labels.Length > MaxBedsPerSite)
        {
            e.Add("count", $"a site holds at most {MaxBedsPerSite} beds; it has {existing}.");
        }

        e.ThrowIfAny();
        return labels;
    }
}
