using System.Runtime.InteropServices;

namespace Matching.Bench;

/// <summary>
/// Signals to another process by id. .NET itself can send a process only SIGKILL; a graceful stop, as a service
/// manager asks for, is SIGTERM, and a process frozen in place (as by a hung host or a long pause) is SIGSTOP until SIGCONT.
/// </summary>
public static class PosixSignals
{
    // The numbers Linux gives these signals on x86-64 and ARM64 alike.
    public const int Terminate = 15;
    public const int Continue = 18;
    public const int Stop = 19;

    /// <summary>Sends <paramref name="signal"/> to <paramref name="pid"/>; false when no such process is there any more.</summary>
    public static bool Send(int pid, int signal) => Kill(pid, signal) == 0;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
