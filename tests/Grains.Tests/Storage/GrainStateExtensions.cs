namespace Matching.Tests.Storage;

internal static class GrainStateExtensions
{
    /// <summary>The state a store read or was given; a store never leaves it null.</summary>
    public static T Value<T>(this IGrainState<T> grainState)
        where T : class =>
        grainState.State ?? throw new InvalidOperationException("The store left the state null.");
}
