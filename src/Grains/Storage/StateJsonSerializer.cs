using System.Text.Json;
using Orleans.Storage;

namespace Matching.Storage;

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
