namespace Matching.Errors;

/// <summary>
/// The store could not do what a grain asked (unreachable, out of connections, refused the statement): a passing
/// outage, not a rule, so the API answers 503 and the client retries. Thrown instead of the database driver's own
/// exception, which a client of the contracts alone cannot read (the driver's exception is logged in the silo where
/// it happened). It lives here, beside <see cref="DomainException"/>, because every exception a grain lets cross the
/// boundary must be one its callers can deserialize.
/// </summary>
[GenerateSerializer, Alias("StoreException")]
public sealed class StoreException(string message) : Exception(message);
