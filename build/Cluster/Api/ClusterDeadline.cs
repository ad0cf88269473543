using Durations = GitOps.Build.Primitives.Duration;

namespace GitOps.Build.Cluster.Api;

/// <summary>
/// The overall --timeout of one target, linked with the caller's cancellation (Ctrl+C, a killed run).
/// Every wait and retry in a target uses <see cref="Token"/>, so the budget is honoured end to end.
/// </summary>
public sealed class ClusterDeadline : IDisposable
{
    private readonly CancellationTokenSource _timer;
    private readonly CancellationTokenSource _linked;
    private readonly CancellationToken _outer;
    private readonly TimeProvider _clock;
    private readonly long _started;

    /// <param name="clock">The clock the budget runs on; the system's unless a test moves its own.</param>
    public ClusterDeadline(TimeSpan timeout, CancellationToken outer = default, TimeProvider? clock = null)
    {
        Timeout = timeout;
        _outer = outer;
        _clock = clock ?? TimeProvider.System;
        _started = _clock.GetTimestamp();
        _timer = new CancellationTokenSource(timeout, _clock);
        _linked = CancellationTokenSource.CreateLinkedTokenSource(_timer.Token, outer);
    }

    public TimeSpan Timeout { get; }
    public CancellationToken Token => _linked.Token;
    public TimeSpan Elapsed => _clock.GetElapsedTime(_started);
    public TimeSpan Remaining => Timeout - Elapsed is var r && r > TimeSpan.Zero ? r : TimeSpan.Zero;

    /// <summary>True when the budget (not the caller) ended the work.</summary>
    public bool Expired => _timer.IsCancellationRequested && !_outer.IsCancellationRequested;

    /// <summary>Turns a cancellation caused by the budget into a clear timeout error; rethrows caller cancellation.</summary>
    public Exception Explain(OperationCanceledException e, string doing, string? why = null)
    {
        if (!Expired) return e;
        var reason = why is null ? "" : $" Last problem: {why}.";
        return new ClusterTimeoutException(
            $"Timed out after {Durations.Format(Timeout)} while {doing}.{reason} Fix: make the cause above go away, or pass a longer --timeout (e.g. --timeout=20m).", e);
    }

    public void Dispose()
    {
        _linked.Dispose();
        _timer.Dispose();
    }
}
