namespace Matching.Imports;

/// <summary>Pace of imports, bound from <c>Matching:Imports</c>.</summary>
public sealed class ImportOptions
{
    public const string Section = "Matching:Imports";

    /// <summary>Rows registered at once, as the bulk routes do: enough to overlap their store writes.</summary>
    public int Concurrency { get; set; } = 16;

    /// <summary>Rows per step of the run; between steps progress is pushed and a cancel is heard.</summary>
    public int RowsPerStep { get; set; } = 64;

    /// <summary>
    /// A pause between steps, 0 by default: a large import on a busy fair day can be slowed so that the desk's
    /// check-ins and the recruiters' holds keep their pace.
    /// </summary>
    public int PauseMilliseconds { get; set; }
}
