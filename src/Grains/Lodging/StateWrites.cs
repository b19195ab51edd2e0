namespace Matching.Lodging;

internal static class StateWrites
{
    /// <summary>
    /// Writes the state; when the write fails the in-memory state is ahead of the stored one, so the activation
    /// is dropped and the next call reloads what was really stored.
    /// </summary>
    public static async Task WriteOrDropAsync<TState>(this Grain grain, IPersistentState<TState> state)
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            grain.DeactivateOnIdle();
            throw;
        }
    }
}
