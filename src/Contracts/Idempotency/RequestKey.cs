namespace Matching.Idempotency;

/// <summary>
/// The idempotency scope of the request a grain call serves (caller, method, path and <c>Idempotency-Key</c>),
/// carried in Orleans' <see cref="RequestContext"/> from the API's idempotency middleware to every grain the
/// request reaches. An entity keeps it with the change a keyed request made, in the same write. The key's answer
/// is stored only after that write, so when a crash falls between the two, the retry finds no answer to replay and
/// runs again: then it recognises its own change and answers as the first attempt would have, instead of
/// "already exists" or "already released" for what it did itself.
/// </summary>
public static class RequestKey
{
    private const string Name = "matching.request-key";

    /// <summary>The scope of the keyed request being served, or null for a request without a key.</summary>
    public static string? Current => RequestContext.Get(Name) as string;

    /// <summary>Whether <paramref name="recorded"/>, kept with a change, names the keyed request being served.</summary>
    public static bool IsCurrent(string? recorded) => recorded is not null && recorded == Current;

    /// <summary>Serves a keyed request: grain calls made until the scope ends carry its key.</summary>
    public static IDisposable Serve(string scope)
    {
        RequestContext.Set(Name, scope);
        return new Served();
    }

    private sealed class Served : IDisposable
    {
        public void Dispose() => RequestContext.Remove(Name);
    }
}
