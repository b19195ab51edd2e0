using System.Text.RegularExpressions;
using Matching.Errors;

namespace Matching.Validation;

/// <summary>
/// Collects every broken field rule of one input so the caller hears of all of them at once,
/// then normalises what passed (trimmed strings, lower-case codes, distinct lists).
/// </summary>
public sealed partial class FieldErrors
{
    public const int MaxListItems = 20;
    public const int MaxShortText = 100;

    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsEmpty => _errors.Count == 0;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }

        list.Add(message);
    }

    /// <summary>Throws <see cref="ValidationFailedException"/> when any rule was broken.</summary>
    public void ThrowIfAny()
    {
        if (ToException() is { } broken)
        {
            throw broken;
        }
    }

    /// <summary>Every broken rule as one exception, or null when none was broken; for callers that collect rather than throw.</summary>
    public ValidationFailedException? ToException() =>
        IsEmpty ? null : new ValidationFailedException(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));

    /// <summary>A required text of 1..<paramref name="max"/> characters without control characters.</summary>
    public string Text(string field, string? value, int max, bool required = true)
    {
        var text = value?.Trim() ?? "";
        if (text.Length == 0)
        {
            if (required)
            {
                Add(field, "is required.");
            }

            return "";
        }

        if (text.Length > max)
        {
            Add(field, $"must be at most {max} characters.");
        }

        if (text.Any(char.IsControl))
        {
            Add(field, "must not contain control characters.");
        }

        return text;
    }

    /// <summary>A code from a known vocabulary, compared case-insensitively and returned in lower case.</summary>
    public string Code(string field, string? value, IEnumerable<string> known, bool required = true)
    {
        var code = value?.Trim().ToLowerInvariant() ?? "";
        if (code.Length == 0)
        {
            if (required)
            {
                Add(field, "is required.");
            }

            return "";
        }

        if (!known.Contains(code, StringComparer.Ordinal))
        {
            Add(field, $"'{Clip(value!)}' is not one of: {string.Join(", ", known)}.");
        }

        return code;
    }

    /// <summary>A list of codes from a vocabulary, made distinct.</summary>
    public string[] Codes(string field, string[]? values, IEnumerable<string> known, int max = MaxListItems, bool caseSensitive = false)
    {
        var list = values ?? [];
        if (list.Length > max)
        {
            Add(field, $"must have at most {max} items.");
            return [];
        }

        var knownSet = known.ToHashSet(StringComparer.Ordinal);
        var result = new List<string>(list.Length);
        for (var i = 0; i < list.Length; i++)
        {
            var raw = list[i]?.Trim() ?? "";
            var code = caseSensitive ? raw : raw.ToLowerInvariant();
            if (!caseSensitive && knownSet.FirstOrDefault(k => string.Equals(k, raw, StringComparison.OrdinalIgnoreCase)) is { } match)
            {
                code = match;
            }

            if (!knownSet.Contains(code))
            {
                Add($"{field}[{i}]", $"'{Clip(raw)}' is not one of: {string.Join(", ", knownSet)}.");
            }
            else if (!result.Contains(code))
            {
                result.Add(code);
            }
        }

        return [.. result];
    }

    /// <summary>
    /// A list of free short texts (programmes, certificates), trimmed and distinct: ignoring case unless
    /// <paramref name="sameItem"/> says otherwise (ids, which are case-sensitive keys).
    /// </summary>
    public string[] Texts(string field, string[]? values, int maxItems = MaxListItems, int maxLength = MaxShortText, StringComparer? sameItem = null)
    {
        var list = values ?? [];
        if (list.Length > maxItems)
        {
            Add(field, $"must have at most {maxItems} items.");
            return [];
        }

        var result = new List<string>(list.Length);
        for (var i = 0; i < list.Length; i++)
        {
            var text = Text($"{field}[{i}]", list[i], maxLength);
            if (text.Length > 0 && !result.Contains(text, sameItem ?? StringComparer.OrdinalIgnoreCase))
            {
                result.Add(text);
            }
        }

        return [.. result];
    }

    public int Range(string field, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            Add(field, $"must be between {min} and {max}.");
        }

        return value;
    }

    /// <summary>A calendar date within a window around today, so typos like year 2202 are caught.</summary>
    public DateOnly Date(string field, DateOnly value, DateOnly earliest, DateOnly latest)
    {
        if (value == default)
        {
            Add(field, "is required (yyyy-MM-dd).");
        }
        else if (value < earliest || value > latest)
        {
            Add(field, $"must be between {earliest:yyyy-MM-dd} and {latest:yyyy-MM-dd}.");
        }

        return value;
    }

    /// <summary>An id chosen by the caller: letters, digits, '.', '_' and '-', 1..64 characters.</summary>
    public string? Id(string field, string? value)
    {
        if (value is null)
        {
            return null;
        }

        if (!IdPattern().IsMatch(value))
        {
            Add(field, "must be 1-64 characters of letters, digits, '.', '_' or '-', starting with a letter or digit.");
        }

        return value;
    }

    /// <summary>The id a body names, if any, must be the one the route names.</summary>
    public string SameId(string? bodyId, string id)
    {
        if (bodyId is not null && !string.Equals(bodyId, id, StringComparison.Ordinal))
        {
            Add("id", $"must match the id in the route ('{Clip(id)}') or be left out.");
        }

        return id;
    }

    public static bool IsValidId(string? value) => value is not null && IdPattern().IsMatch(value);

    private static string Clip(string value) => value.Length <= 40 ? value : value[..40] + "…";

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex IdPattern();
}
