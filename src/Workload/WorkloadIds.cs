namespace Matching.Workload;

/// <summary>
/// The ids of generated things, numbered from 1 and zero-padded so they sort in order at the
/// standard sizes; a load driver can name the n-th worker without generating it.
/// </summary>
public static class WorkloadIds
{
    public static string Employer(int number) => $"emp-{number:D4}";

    public static string JobOrder(int number) => $"job-{number:D5}";

    public static string Worker(int number) => $"w-{number:D6}";

    public static string LodgingSite(int number) => $"site-{number:D2}";

    public static string Fair(int number) => $"fair-{number}";
}
