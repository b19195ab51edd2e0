namespace Matching.Tests.Storage;

/// <summary>A small persisted state with the kinds of members entity states have.</summary>
[GenerateSerializer, Alias("StorageTestState")]
public sealed class StorageTestState
{
    [Id(0)] public string Name { get; set; } = "";
    [Id(1)] public int Count { get; set; }
    [Id(2)] public List<string> Tags { get; set; } = [];
    [Id(3)] public DateTimeOffset At { get; set; }
    [Id(4)] public DateOnly Day { get; set; }
}
