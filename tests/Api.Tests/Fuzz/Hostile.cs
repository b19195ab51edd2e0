using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Matching.Api.Tests.Fuzz;

/// <summary>What a field of a request body holds, so a value of the wrong kind can be chosen for it.</summary>
public enum FieldKind
{
    /// <summary>A required text: empty, over-long or with control characters is invalid.</summary>
    Text,
    /// <summary>A caller's id: left out it is generated, so only a malformed one is certainly invalid.</summary>
    Id,
    /// <summary>An optional text: only a wrong JSON type is certainly invalid.</summary>
    OptionalText,
    /// <summary>A code from a vocabulary: an unknown code is invalid.</summary>
    Code,
    Int,
    Bool,
    Date,
    TextList,
    Object,
}

/// <summary>
/// Values a careless or hostile client sends, from a seeded generator so a failure can be replayed: wrong JSON
/// types, control and mixed-script text, huge strings, negative and enormous numbers, impossible dates.
/// </summary>
public sealed class Hostile(int seed)
{
    private static readonly string[] _scripts =
    [
        "付明", "Иван", "محمد", "Ελένη", "יוסי", "😀👷🏽‍♀️", "e\u0301\u0301\u0301", "\u202Eevil\u202C", "\u200B\u200D\uFEFF",
        "ｗｅｌｄｅｒ", "Ａ", "\u0130stanbul", "ß", "𠀀𪚥", "x\u00A0y", "<script>alert(1)</script>", "'; DROP TABLE x; --",
        "../../etc/passwd", "%00", "{0}%s%n", "${jndi:ldap://x}", "\\u0000", "null", "true", "0", "-1",
    ];

    private static readonly string[] _badDates =
    [
        "2026-02-30", "2026-13-01", "31/12/2026", "yesterday", "", "0000-00-00", "10000-01-01", "-0001-01-01",
        "2026-1-1", "2026-01-01T25:00:00", "２０２６-０１-０１", "2026‐01‐01",
    ];

    private readonly Random _random = new(seed);

    public int Next(int max) => _random.Next(max);

    public bool Chance(double p) => _random.NextDouble() < p;

    public T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    /// <summary>A hostile string: mixed scripts, controls, markup, or simply long.</summary>
    public string Text()
    {
        var builder = new StringBuilder();
        var parts = 1 + _random.Next(4);
        for (var i = 0; i < parts; i++)
        {
            builder.Append(_random.Next(6) switch
            {
                0 => Pick(_scripts),
                1 => (char)_random.Next(0, 32),
                2 => new string(Pick(_scripts)[0], 1 + _random.Next(Chance(0.2) ? 20_000 : 300)),
                3 => char.ConvertFromUtf32(_random.Next(0x4E00, 0x9FFF)),
                4 => ((char)_random.Next(0x7F, 0xA0)).ToString(),
                _ => _random.Next().ToString(CultureInfo.InvariantCulture),
            });
        }

        return builder.ToString();
    }

    /// <summary>Numbers at and past every edge an int or a date can have.</summary>
    public JsonNode Number() => _random.Next(10) switch
    {
        0 => JsonValue.Create(-1),
        1 => JsonValue.Create(int.MinValue),
        2 => JsonValue.Create(int.MaxValue),
        3 => JsonValue.Create(long.MaxValue),
        4 => JsonValue.Create(1.5),
        5 => JsonNode.Parse("1e400")!,
        6 => JsonNode.Parse("-0")!,
        7 => JsonNode.Parse("99999999999999999999999")!,
        8 => JsonValue.Create(-_random.Next()),
        _ => JsonValue.Create(_random.Next()),
    };

    /// <summary>Any JSON value at all.</summary>
    public JsonNode? Any() => _random.Next(7) switch
    {
        0 => null,
        1 => JsonValue.Create(Text()),
        2 => Number(),
        3 => JsonValue.Create(Chance(0.5)),
        4 => new JsonArray(JsonValue.Create(Text()), Number()),
        5 => new JsonObject { [Text()] = Text() },
        _ => JsonValue.Create(Pick(_badDates)),
    };

    /// <summary>A value of another JSON type than the field's: always refused by the binder.</summary>
    public JsonNode WrongType(FieldKind kind)
    {
        JsonNode[] others = [new JsonObject { ["x"] = 1 }, Number(), JsonValue.Create(true)];
        return kind switch
        {
            FieldKind.Int => Pick<JsonNode>([JsonValue.Create("many"), JsonValue.Create(1.5), JsonNode.Parse("1e400")!, JsonNode.Parse("99999999999")!, new JsonArray(1)]),
            FieldKind.Bool => Pick<JsonNode>([JsonValue.Create("yes"), JsonValue.Create(1), new JsonArray(), new JsonObject()]),
            FieldKind.Date => Pick<JsonNode>([JsonValue.Create(Pick(_badDates)), JsonValue.Create(20260101), new JsonObject { ["year"] = 2026 }]),
            FieldKind.TextList => Pick<JsonNode>([JsonValue.Create("welder"), new JsonObject(), new JsonArray(1, 2), new JsonArray(new JsonObject()), new JsonArray(new JsonArray())]),
            FieldKind.Object => Pick<JsonNode>([JsonValue.Create("x"), new JsonArray(), Number()]),
            _ => Pick<JsonNode>([.. others, new JsonArray(JsonValue.Create(Text()))]),
        };
    }

    /// <summary>A value the field's rules refuse: a wrong type, or for texts and codes an empty, over-long or unknown one.</summary>
    public JsonNode? Breaking(FieldKind kind) => kind switch
    {
        FieldKind.Text when Chance(0.5) => Pick<JsonNode?>([
            JsonValue.Create(""), JsonValue.Create("   "), null, JsonValue.Create(new string('长', 5_000)),
            JsonValue.Create("a\u0000b"), JsonValue.Create("x\u001b[31m"), JsonValue.Create(Pick(_scripts) + "\u0007")]),
        FieldKind.Id => Pick<JsonNode?>([JsonValue.Create(""), JsonValue.Create("../x"), JsonValue.Create(new string('a', 65)), JsonValue.Create("a b"), WrongType(kind)]),
        FieldKind.Code when Chance(0.5) => JsonValue.Create(Pick(["atlantis", "", "WELDER\u0000", "welder ", Text()]) + "\u0001"),
        FieldKind.TextList when Chance(0.3) => new JsonArray((JsonNode?)null),
        FieldKind.Int when Chance(0.4) => Pick<JsonNode>([JsonValue.Create(-1), JsonValue.Create(int.MinValue), JsonValue.Create(int.MaxValue), JsonValue.Create(-_random.Next(1, 1_000_000))]),
        FieldKind.Date when Chance(0.4) => JsonValue.Create(Pick(["9999-12-31", "0001-01-01", "1900-01-01", "2999-06-30"])),
        _ => WrongType(kind),
    };

    /// <summary>A body that is not a JSON object of the route's shape at all.</summary>
    public byte[] BrokenBody(string validJson) => _random.Next(12) switch
    {
        0 => [],
        1 => "null"u8.ToArray(),
        2 => "[]"u8.ToArray(),
        3 => "42"u8.ToArray(),
        4 => Encoding.UTF8.GetBytes(validJson[..(1 + _random.Next(validJson.Length - 1))]),
        5 => Encoding.UTF8.GetBytes(new string('[', 5_000) + new string(']', 5_000)),
        6 => [.. Encoding.UTF8.GetBytes(validJson[..^1]), 0xC3, 0x28, (byte)'}'],
        7 => Encoding.UTF8.GetBytes("/* comment */" + validJson),
        8 => Encoding.UTF8.GetBytes(validJson[..^1] + ",}"),
        9 => Encoding.UTF8.GetBytes(validJson.Replace('"', '\'')),
        10 => Encoding.UTF8.GetBytes("{\"a\":\"\\ud800\"," + validJson[1..^1] + ",\"b\":\"\\u12\"}"),
        _ => Encoding.UTF8.GetBytes(validJson + validJson),
    };

    /// <summary>An id for a route: well-formed but unknown, or anything a path segment can carry.</summary>
    public string PathId() => _random.Next(8) switch
    {
        0 => $"fz-{_random.Next()}",
        1 => Uri.EscapeDataString(Clip(Text(), 200)),
        2 => "..%2F..%2Fetc%2Fpasswd",
        3 => new string('a', 65),
        4 => "%00",
        5 => "x~r99999999999",
        6 => $"fz~{_random.Next()}",
        _ => Uri.EscapeDataString(Pick(_scripts)),
    };

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..max];

    /// <summary>A query value: numbers past their edges, codes nobody knows, dates that do not exist.</summary>
    public string QueryValue() => Uri.EscapeDataString(_random.Next(5) switch
    {
        0 => Number().ToJsonString(),
        1 => Pick(_badDates),
        2 => Clip(Text(), 300),
        3 => "",
        _ => Pick(["-1", "0", "2147483648", "abc", "1e3", "open", "welder", "yunnan"]),
    });
}
