namespace Matching.Lodging;

/// <summary>
/// A credit commitment (信用承诺): staff admit a worker whose employer is not on the lodging list,
/// on the signer's word. Stored on the reservation it admits.
/// </summary>
[GenerateSerializer, Immutable, Alias("CreditCommitment")]
public sealed record CreditCommitment
{
    /// <summary>Who signed: the staff member or the worker, as the service station records it.</summary>
    [Id(0)] public string SignedBy { get; init; } = "";
    [Id(1)] public string Note { get; init; } = "";
}
