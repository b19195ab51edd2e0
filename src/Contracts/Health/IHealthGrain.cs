
namespace Matching.Health;

/// <summary>Answers from inside a silo after asking the store, so a probe proves both silo and store.</summary>
[Alias("IHealthGrain")]
public interface IHealthGrain : IGrainWithIntegerKey
{
    [Alias("Check")]
    Task CheckAsync();
}
