namespace Matching.Scoring;

/// <summary>The hard filters a worker–job pair must all pass; as flags, the ones it failed.</summary>
[Flags]
public enum HardFilters
{
    None = 0,

    /// <summary>The worker practises the job's trade.</summary>
    Trade = 1 << 0,

    /// <summary>The worker's level in that trade is at least the job's minimum.</summary>
    Level = 1 << 1,

    /// <summary>The worker holds, for that trade, every certificate the job requires.</summary>
    Certificates = 1 << 2,

    /// <summary>The worker is available by the job's start date plus the grace days.</summary>
    Availability = 1 << 3,

    /// <summary>The worker desires no district in particular, or the job's.</summary>
    District = 1 << 4,

    /// <summary>The top of the job's wage range reaches the worker's minimum.</summary>
    Wage = 1 << 5,

    /// <summary>A student intern only goes where interns are accepted.</summary>
    Interns = 1 << 6,
}
