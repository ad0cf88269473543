using System.Runtime.InteropServices;

namespace GitOps.Build.Hosting;

/// <summary>
/// SIGINT (Ctrl-C) and SIGTERM for one run: the first signal cancels <see cref="Token"/>, so the
/// running task stops at its next check, no further task starts, clean-up (finally blocks,
/// tear-down) runs and the run exits 130. If the run has not finished <see cref="Grace"/> later
/// (blocked in a child process), the registered last-resort clean-up runs and the process exits
/// 130 itself; a second signal stops it at once the same way.
/// </summary>
public sealed class RunInterrupt : IDisposable
{
    private readonly CancellationTokenSource _source = new();
    private readonly List<PosixSignalRegistration> _registrations = [];
    private readonly ManualResetEventSlim _finished = new();
    private readonly Action<string> _say;
    private readonly List<Action> _lastResort = [];
    private int _signals;

    public RunInterrupt(Action<string> say, TimeSpan? grace = null)
    {
        _say = say;
        Grace = grace ?? TimeSpan.FromSeconds(10);
        if (OperatingSystem.IsWindows() || OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
        {
            _registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle));
            _registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle));
        }
    }

    public CancellationToken Token => _source.Token;
    public bool Interrupted => _source.IsCancellationRequested;
    public TimeSpan Grace { get; }

    /// <summary>Clean-up that must run even if the run never gets back to its finally blocks (scratch folders).</summary>
    public void OnLastResort(Action cleanup) { lock (_lastResort) _lastResort.Add(cleanup); }

    /// <summary>The run is over: no forced exit after this.</summary>
    public void Finished() => _finished.Set();

    private void Handle(PosixSignalContext context)
    {
        context.Cancel = true; // we exit ourselves, after cleaning up
        if (Interlocked.Increment(ref _signals) == 1)
        {
            _say($"interrupted ({context.Signal}): stopping after clean-up; send it again to stop at once.");
            _source.Cancel();
            var watchdog = new Thread(() => { if (!_finished.Wait(Grace)) Exit(); }) { IsBackground = true, Name = "interrupt" };
            watchdog.Start();
            return;
        }
        Exit();
    }

    private void Exit()
    {
        Action[] cleanups;
        lock (_lastResort) cleanups = [.. _lastResort];
        foreach (var cleanup in cleanups)
        {
            try { cleanup(); } catch (Exception) { /* exiting anyway */ }
        }
        Environment.Exit(ExitCodes.Interrupted);
    }

    public void Dispose()
    {
        foreach (var registration in _registrations) registration.Dispose();
        _source.Dispose();
        _finished.Dispose();
    }
}
