namespace Matching;

/// <summary>
/// The clock of the domain (deadlines, dates, stamps), registered as a keyed <see cref="TimeProvider"/>.
/// Keyed, not the plain service: Orleans itself resolves <see cref="TimeProvider"/> for message timeouts,
/// so a test that jumps the domain's clock by hours must not jump the runtime's clock with it.
/// </summary>
public static class MatchingClock
{
    public const string Key = "matching";
}
