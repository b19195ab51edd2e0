namespace Matching;

/// <summary>Names of the storage providers and persisted state slots, in one place so grains and hosts agree.</summary>
public static class StorageNames
{
    /// <summary>The grain storage every entity grain writes to.</summary>
    public const string Main = "main";

    public const string Employer = "employer";
    public const string JobOrder = "jobOrder";
    public const string Worker = "worker";
    public const string LodgingSite = "lodgingSite";
    /// <summary>Ended stays of a lodging site, one state per site and month (see <c>StayArchiveGrain</c>).</summary>
    public const string StayArchive = "stayArchive";
    public const string Bed = "bed";
    public const string WorkerStay = "workerStay";
    public const string Fair = "fair";
    public const string Idempotency = "idempotency";
    public const string IdempotencyQuota = "idempotencyQuota";
    public const string PersonalDataAudit = "personalDataAudit";
}
