using GitOps.Build.Hosting;

namespace GitOps.Build.Tests.Hosting;

public class CakeHostTests
{
    private static readonly Type[] Graph = [typeof(TaskA), typeof(TaskB), typeof(TaskC), typeof(TaskX)];

    [Fact]
    public void Runs_dependencies_first_and_dependees_before_their_target()
    {
        var host = new HostHarness();
        var code = host.Run(Graph, "--target=C", "--app=web");
        Assert.Equal(0, code);
        Assert.Equal(["A", "B", "X", "C:web"], host.Recorder.Events);
    }

    [Fact]
    public void A_warmup_runs_beside_the_tasks_and_its_failure_does_not_change_the_run()
    {
        using var warmed = new ManualResetEventSlim();
        var host = new HostHarness();
        var code = host.Run(Graph, h => h.UseWarmup(warmed.Set).UseWarmup(() => throw new InvalidOperationException("cold")), "--target=A");
        Assert.Equal(0, code);
        Assert.Equal(["A"], host.Recorder.Events);
        Assert.True(warmed.Wait(Eventually.DefaultCap), "the warm-up never ran");
        Assert.DoesNotContain("cold", host.Output);
    }

    [Fact]
    public void Exclusive_runs_the_target_alone()
    {
        var host = new HostHarness();
        Assert.Equal(0, host.Run(Graph, "-t", "C", "--exclusive"));
        Assert.Equal(["C:"], host.Recorder.Events);
    }

    [Fact]
    public void Several_targets_run_in_one_graph()
    {
        var host = new HostHarness();
        Assert.Equal(0, host.Run(Graph, "-t", "A", "-t", "B"));
        Assert.Equal(["A", "B"], host.Recorder.Events);
    }

    [Fact]
    public void Custom_arguments_accept_both_spellings()
    {
        var host = new HostHarness();
        Assert.Equal(0, host.Run(Graph, "-t", "C", "--exclusive", "--app", "api"));
        Assert.Equal(["C:api"], host.Recorder.Events);
    }

    [Fact]
    public void Dry_run_lists_the_order_and_runs_nothing()
    {
        var host = new HostHarness();
        Assert.Equal(0, host.Run(Graph, "-t", "C", "--dryrun"));
        Assert.Empty(host.Recorder.Events);
        var output = host.Output;
        Assert.True(output.IndexOf("A", StringComparison.Ordinal) < output.IndexOf("X", StringComparison.Ordinal));
        Assert.Contains("No tasks were actually executed", output);
    }

    [Fact]
    public void Description_lists_every_task_with_its_description()
    {
        var host = new HostHarness();
        Assert.Equal(0, host.Run(Graph, "--description"));
        Assert.Empty(host.Recorder.Events);
        Assert.Contains("first step", host.Output);
        Assert.Contains("the target", host.Output);
    }

    [Fact]
    public void Tree_shows_dependencies_under_their_dependent()
    {
        var host = new HostHarness();
        Assert.Equal(0, host.Run(Graph, "-t", "C", "--tree"));
        Assert.Empty(host.Recorder.Events);
        var lines = host.Output.Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0).ToList();
        var c = lines.FindIndex(l => l.EndsWith("C"));
        var b = lines.FindIndex(l => l.EndsWith("B"));
        Assert.True(c >= 0 && b > c, host.Output);
    }

    [Fact]
    public void Unknown_target_fails_with_usage_code_and_lists_targets()
    {
        var host = new HostHarness();
        Assert.Equal(ExitCodes.Usage, host.Run(Graph, "-t", "Nope"));
        Assert.Contains("'Nope' does not exist", host.Output);
        Assert.Contains("A, B, C, X", host.Output);
        Assert.Empty(host.Recorder.Events);
    }

    [Fact]
    public void Criteria_skip_a_task_but_not_its_dependents()
    {
        var host = new HostHarness();
        Assert.Equal(0, host.Run([typeof(GatedTask), typeof(AfterGatedTask)], "-t", "AfterGated"));
        Assert.Equal(["AfterGated"], host.Recorder.Events);

        var gated = new HostHarness();
        Assert.Equal(0, gated.Run([typeof(GatedTask), typeof(AfterGatedTask)], "-t", "AfterGated", "--go"));
        Assert.Equal(["Gated", "AfterGated"], gated.Recorder.Events);
    }

    [Fact]
    public void OnError_handles_the_failure_and_Finally_always_runs()
    {
        var host = new HostHarness();
        Assert.Equal(0, host.Run([typeof(BoomTask)], "-t", "Boom"));
        Assert.Equal(["OnError:boom happened", "Finally"], host.Recorder.Events);
    }

    [Fact]
    public void A_failing_task_fails_the_run_and_stops_dependents()
    {
        var host = new HostHarness();
        Assert.Equal(ExitCodes.Failure, host.Run([typeof(CrashTask), typeof(AfterCrashTask)], "-t", "AfterCrash"));
        Assert.DoesNotContain("AfterCrash", host.Recorder.Events);
        Assert.Contains("crash happened", host.Output);
    }

    [Fact]
    public void ContinueOnError_lets_the_run_go_on()
    {
        var host = new HostHarness();
        Assert.Equal(0, host.Run([typeof(ToleratedTask), typeof(AfterToleratedTask)], "-t", "AfterTolerated"));
        Assert.Equal(["AfterTolerated"], host.Recorder.Events);
    }

    [Fact]
    public void Lifetime_wraps_the_run()
    {
        var host = new HostHarness();
        Assert.Equal(0, host.Run([typeof(TaskA)], h => h.UseLifetime<RecordingLifetime>(), "-t", "A"));
        Assert.Equal(["Setup:A", "A", "Teardown:True"], host.Recorder.Events);
    }

    [Fact]
    public void Bad_verbosity_is_a_usage_error()
    {
        var host = new HostHarness();
        Assert.Equal(ExitCodes.Usage, host.Run(Graph, "-t", "A", "--verbosity=loud"));
        Assert.Empty(host.Recorder.Events);
    }

    [Fact]
    public void No_report_suppresses_the_summary_table()
    {
        var withReport = new HostHarness();
        withReport.Run(Graph, "-t", "A");
        var without = new HostHarness();
        without.Run(Graph, "-t", "A", "--no-report");
        Assert.Contains("Duration", withReport.Output);
        Assert.DoesNotContain("Duration", without.Output);
    }
}
