namespace Matching.JobOrders;

/// <summary>Hold ids name their job order (<c>{jobOrderId}~{n}</c>), so <c>/holds/{holdId}</c> needs no lookup table.</summary>
public static class HoldKey
{
    public const char Separator = '~';

    public static string New(string jobOrderId) => $"{jobOrderId}{Separator}{Guid.CreateVersion7():N}";

    /// <summary>The job order of a hold id, or null when the id is not one of ours.</summary>
    public static string? JobOrderOf(string holdId)
    {
        var at = holdId.LastIndexOf(Separator);
        return at > 0 && at < holdId.Length - 1 && Validation.FieldErrors.IsValidId(holdId[..at]) ? holdId[..at] : null;
    }
}
