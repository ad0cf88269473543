using GitOps.Build.Cluster.Api;
using Microsoft.Extensions.Time.Testing;

namespace GitOps.Build.Tests.Cluster;

/// <summary>The --timeout budget on a clock the test moves: it ends exactly when its time is up, and says why.</summary>
public sealed class ClusterDeadlineTests
{
    [Fact]
    public void The_budget_ends_when_its_clock_passes_the_timeout_and_not_before()
    {
        var clock = new FakeTimeProvider();
        using var deadline = new ClusterDeadline(TimeSpan.FromMinutes(5), clock: clock);

        clock.Advance(TimeSpan.FromMinutes(4));
        Assert.False(deadline.Token.IsCancellationRequested);
        Assert.False(deadline.Expired);
        Assert.Equal(TimeSpan.FromMinutes(4), deadline.Elapsed);
        Assert.Equal(TimeSpan.FromMinutes(1), deadline.Remaining);

        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.True(deadline.Token.IsCancellationRequested);
        Assert.True(deadline.Expired);
        Assert.Equal(TimeSpan.Zero, deadline.Remaining);
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(TimeSpan.Zero, deadline.Remaining); // never negative
    }

    [Fact]
    public void An_expired_budget_is_explained_as_a_timeout_naming_the_step_and_the_last_problem()
    {
        var clock = new FakeTimeProvider();
        using var deadline = new ClusterDeadline(TimeSpan.FromSeconds(90), clock: clock);
        clock.Advance(TimeSpan.FromSeconds(90));

        var e = Assert.IsType<ClusterTimeoutException>(deadline.Explain(new OperationCanceledException(), "waiting for Argo CD", "503 from the API server"));
        Assert.Equal("Timed out after 1m30s while waiting for Argo CD. Last problem: 503 from the API server. Fix: make the cause above go away, or pass a longer --timeout (e.g. --timeout=20m).", e.Message);
    }

    [Fact]
    public void The_callers_cancellation_is_not_a_timeout()
    {
        var clock = new FakeTimeProvider();
        using var caller = new CancellationTokenSource();
        using var deadline = new ClusterDeadline(TimeSpan.FromMinutes(5), caller.Token, clock);

        caller.Cancel();

        Assert.True(deadline.Token.IsCancellationRequested);
        Assert.False(deadline.Expired);
        var cancelled = new OperationCanceledException();
        Assert.Same(cancelled, deadline.Explain(cancelled, "anything"));
    }
}
