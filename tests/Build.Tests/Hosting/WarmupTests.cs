using System.Text.RegularExpressions;

namespace GitOps.Build.Tests.Hosting;

/// <summary>
/// CakeHost.UseWarmup: the warm-up runs on a background thread beside the tasks (not before them, not
/// on the caller's thread), and whatever it does or throws leaves the run's exit code and output as
/// they are without it.
/// </summary>
public sealed partial class WarmupTests
{
    private static readonly Type[] Graph = [typeof(TaskA), typeof(TaskB), typeof(TaskC), typeof(TaskX)];

    [Fact]
    public void The_warmup_runs_on_a_background_thread_while_the_tasks_run()
    {
        var host = new HostHarness();
        var sawTaskWhileRunning = false;
        var onBackgroundThread = false;
        var warmupThread = -1;
        using var done = new ManualResetEventSlim();
        var callerThread = Environment.CurrentManagedThreadId;

        // The warm-up waits for the task to have run: if the host ran warm-ups first, or on the caller's
        // thread, the task could not run while it waits, and it would give up without seeing it.
        var code = host.Run(Graph, h => h.UseWarmup(() =>
        {
            warmupThread = Environment.CurrentManagedThreadId;
            onBackgroundThread = Thread.CurrentThread.IsBackground;
            try
            {
                Eventually.Holds(() => host.Recorder.Events.Contains("C:web"), "the target ran beside the warm-up", TimeSpan.FromSeconds(30));
                sawTaskWhileRunning = true;
            }
            finally
            {
                done.Set();
            }
        }), "--target=C", "--app=web");

        Assert.Equal(0, code);
        Eventually.Holds(() => done.IsSet, "the warm-up finished");
        Assert.True(sawTaskWhileRunning, "the warm-up never saw the tasks run while it was running");
        Assert.True(onBackgroundThread, "the warm-up thread would keep the process alive");
        Assert.NotEqual(callerThread, warmupThread);
        Assert.Equal(["A", "B", "X", "C:web"], host.Recorder.Events);
    }

    [Fact]
    public void Every_warmup_runs_once()
    {
        var runs = new int[3];
        var host = new HostHarness();
        var code = host.Run(Graph, h => h
            .UseWarmup(() => Interlocked.Increment(ref runs[0]))
            .UseWarmup(() => Interlocked.Increment(ref runs[1]))
            .UseWarmup(() => Interlocked.Increment(ref runs[2])), "--target=A");

        Assert.Equal(0, code);
        Eventually.Holds(() => runs.All(r => r >= 1), "every warm-up ran");
        Assert.Equal([1, 1, 1], runs);
    }

    [Fact]
    public void No_warmup_runs_for_help()
    {
        var ran = false;
        var host = new HostHarness();
        Assert.Equal(0, host.Run(Graph, h => h.UseWarmup(() => ran = true), "--help"));
        Assert.False(ran);
    }

    [Theory]
    [InlineData("--target=A")]
    [InlineData("--target=C", "--app=web")]
    public void A_failing_warmup_leaves_a_passing_runs_exit_code_and_output_as_they_are(params string[] args) =>
        AssertFailingWarmupChangesNothing(Graph, args);

    [Fact]
    public void A_failing_warmup_leaves_a_failing_runs_exit_code_and_output_as_they_are() =>
        AssertFailingWarmupChangesNothing([typeof(CrashTask), typeof(AfterCrashTask)], "--target=AfterCrash");

    private static void AssertFailingWarmupChangesNothing(Type[] tasks, params string[] args)
    {
        var plain = new HostHarness();
        var plainCode = plain.Run(tasks, args);

        using var thrown = new ManualResetEventSlim();
        var failing = new HostHarness();
        var failingCode = failing.Run(tasks, h => h.UseWarmup(() =>
        {
            thrown.Set();
            throw new InvalidOperationException("cold warm-up failure");
        }), args);

        Eventually.Holds(() => thrown.IsSet, "the failing warm-up ran");
        Assert.Equal(plainCode, failingCode);
        Assert.Equal(plain.Recorder.Events, failing.Recorder.Events);
        Assert.Equal(Normalise(plain.Output), Normalise(failing.Output));
        Assert.DoesNotContain("cold warm-up failure", failing.Output);
    }

    // Task durations differ from run to run; nothing else may.
    [GeneratedRegex(@"\d{2}:\d{2}:\d{2}(\.\d+)?")]
    private static partial Regex Duration();

    private static string Normalise(string output) => Duration().Replace(output, "<duration>");
}
