namespace Matching.Workload;

/// <summary>The shares and weights of the standard workload, as the workload page lists them.</summary>
internal static class WorkloadDistributions
{
    public const double KeyEnterpriseShare = 0.30;
    public const double EmployerProgrammeShare = 0.10;

    public const double HeadcountMean = 5;
    public const int MaxHeadcount = 30;
    public const double ProvidesHousingShare = 0.40;
    public const double AcceptsInternsShare = 0.60;
    public const double CertificateRequiredShare = 0.10;
    public const int StartWithinDays = 60;

    public const double YunnanShare = 0.70;
    public const double RuralLabourShare = 0.80;
    public const double PovertyAlleviatedShare = 0.25;
    public const double StudentInternShare = 0.10;
    public const double CertificatePerSkillShare = 0.10;
    public const double NeedsLodgingShare = 0.45;
    public const double WorkerProgrammeShare = 0.08;
    public const int AvailableWithinDays = 30;

    /// <summary>Not on the workload page: migrant labour in these trades is mostly male.</summary>
    public const double MaleShare = 0.60;

    public static readonly Weighted<string> CreditStandings = new(("good", 90), ("watch", 8), ("blocked", 2));

    public static readonly Weighted<string> Trades = new(
        ("general", 30),
        ("welder", 12),
        ("electrician", 10),
        ("fitter", 8),
        ("construction", 10),
        ("logistics", 12),
        ("machinist", 6),
        ("cook", 5),
        ("care", 5),
        ("firefighter", 2));

    public static readonly Weighted<string> Levels = new(("junior", 50), ("intermediate", 30), ("senior", 15), ("technician", 5));
}
