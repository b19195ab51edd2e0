using System.Runtime.InteropServices;

namespace Matching.Bench;

/// <summary>
/// What a bench started (the product's processes, a database server) must not outlive it, nor leave its folders
/// behind: on Ctrl+C or SIGTERM the stop runs and the bench then exits, and when the bench exits in any other way
/// (the end of <c>Main</c>, an unhandled exception) the stop runs before the process goes. Disposed once the stop
/// has been done the ordinary way.
/// </summary>
public sealed class StopOnExit : IDisposable
{
    // What a shell reports for a program ended by Ctrl+C: 128 + SIGINT.
    private const int Interrupted = 130;

    private readonly Func<Task> _stop;
    private readonly TimeSpan _wait;
    private readonly PosixSignalRegistration[] _signals;

    /// <param name="stop">The stop; called more than once (an interrupt during the ordinary stop), it must do its work once.</param>
    /// <param name="wait">How long the exit waits for it.</param>
    public StopOnExit(Func<Task> stop, TimeSpan wait)
    {
        _stop = stop;
        _wait = wait;

        // The stop runs on the thread pool, where the exits of child processes are seen; the default action
        // (ending the bench at once) is cancelled until it is done.
        _signals = [.. new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM }.Select(signal => PosixSignalRegistration.Create(signal, context =>
        {
            context.Cancel = true;
            _ = Task.Run(async () =>
            {
                await StopQuietlyAsync();
                Environment.Exit(Interrupted);
            });
        }))];
        AppDomain.CurrentDomain.ProcessExit += OnExit;
    }

    public void Dispose()
    {
        foreach (var signal in _signals)
        {
            signal.Dispose();
        }

        AppDomain.CurrentDomain.ProcessExit -= OnExit;
    }

    private void OnExit(object? sender, EventArgs e) => StopQuietlyAsync().Wait(_wait);

    private async Task StopQuietlyAsync()
    {
        try
        {
            await _stop();
        }
        catch (Exception ex)
        {
            // The bench is going anyway: say what may be left behind rather than fail the exit.
            Console.Error.WriteLine($"Stopping at exit failed: {ex.Message}");
        }
    }
}
