using System.Text.Json;
using System.Text.Json.Serialization;

namespace Matching.Storage;

/// <summary>
/// The JSON form of persisted state. Plain JSON (not the Orleans binary format) so a stored row can be read
/// by people and by the rebuild scans, and survives renames guarded by <c>[Alias]</c>.
/// </summary>
public static class StateJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException("Stored state is null.");
}
