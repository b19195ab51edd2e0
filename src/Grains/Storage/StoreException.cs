namespace Matching.Storage;

/// <summary>
/// The store could not do what a grain asked (unreachable, out of connections, refused the statement).
/// Thrown instead of the database driver's own exception, which Orleans cannot carry to a caller in another
/// process; the driver's exception is logged in the silo where it happened.
/// </summary>
[GenerateSerializer, Alias("StoreException")]
public sealed class StoreException(string message) : Exception(message);
