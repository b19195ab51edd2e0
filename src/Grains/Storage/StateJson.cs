using System.Text.Json;
using System.Text.Json.Serialization;
using Orleans.Storage;

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

/// <summary>
/// <see cref="StateJson"/> as Orleans' grain storage serializer, so a provider's payload is the same UTF-8 JSON
/// the embedded store keeps, readable by the rebuild scans and by people with a SQL prompt.
/// </summary>
public sealed class StateJsonSerializer : IGrainStorageSerializer
{
    public BinaryData Serialize<T>(T? input) => new(JsonSerializer.SerializeToUtf8Bytes(input, StateJson.Options));

    public T Deserialize<T>(BinaryData input) =>
        JsonSerializer.Deserialize<T>(input.ToMemory().Span, StateJson.Options) ?? throw new JsonException("Stored state is null.");
}
