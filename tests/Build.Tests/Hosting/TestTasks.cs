using Cake.Core;
using GitOps.Build.Hosting;

namespace GitOps.Build.Tests.Hosting;

// Small task graphs for the host tests: A <- B <- C, with X running before C (IsDependeeOf).

[TaskName("A")]
[TaskDescription("first step")]
public sealed class TaskA(Recorder recorder) : FrostingTask<ICakeContext>
{
    public override void Run(ICakeContext context) => recorder.Add("A");
}

[TaskName("B")]
[IsDependentOn(typeof(TaskA))]
public sealed class TaskB(Recorder recorder) : AsyncFrostingTask<ICakeContext>
{
    public override async Task RunAsync(ICakeContext context)
    {
        await Task.Yield();
        recorder.Add("B");
    }
}

[TaskName("C")]
[TaskDescription("the target")]
[IsDependentOn(typeof(TaskB))]
public sealed class TaskC(Recorder recorder) : FrostingTask<ICakeContext>
{
    public override void Run(ICakeContext context) => recorder.Add("C:" + context.Arguments.GetArgument("app"));
}

[TaskName("X")]
[IsDependeeOf(typeof(TaskC))]
public sealed class TaskX(Recorder recorder) : FrostingTask<ICakeContext>
{
    public override void Run(ICakeContext context) => recorder.Add("X");
}

/// <summary>Runs only when --go is given.</summary>
[TaskName("Gated")]
public sealed class GatedTask(Recorder recorder) : FrostingTask<ICakeContext>
{
    public override bool ShouldRun(ICakeContext context) => context.Arguments.HasArgument("go");
    public override void Run(ICakeContext context) => recorder.Add("Gated");
}

[TaskName("AfterGated")]
[IsDependentOn(typeof(GatedTask))]
public sealed class AfterGatedTask(Recorder recorder) : FrostingTask<ICakeContext>
{
    public override void Run(ICakeContext context) => recorder.Add("AfterGated");
}

[TaskName("Boom")]
public sealed class BoomTask(Recorder recorder) : FrostingTask<ICakeContext>
{
    public override void Run(ICakeContext context) => throw new InvalidOperationException("boom happened");
    public override void OnError(Exception exception, ICakeContext context) => recorder.Add("OnError:" + exception.Message);
    public override void Finally(ICakeContext context) => recorder.Add("Finally");
}

/// <summary>Fails without an OnError override: the run must fail.</summary>
[TaskName("Crash")]
public sealed class CrashTask : FrostingTask<ICakeContext>
{
    public override void Run(ICakeContext context) => throw new InvalidOperationException("crash happened");
}

[TaskName("AfterCrash")]
[IsDependentOn(typeof(CrashTask))]
public sealed class AfterCrashTask(Recorder recorder) : FrostingTask<ICakeContext>
{
    public override void Run(ICakeContext context) => recorder.Add("AfterCrash");
}

[TaskName("Tolerated")]
[ContinueOnError]
public sealed class ToleratedTask : FrostingTask<ICakeContext>
{
    public override void Run(ICakeContext context) => throw new InvalidOperationException("tolerated failure");
}

[TaskName("AfterTolerated")]
[IsDependentOn(typeof(ToleratedTask))]
public sealed class AfterToleratedTask(Recorder recorder) : FrostingTask<ICakeContext>
{
    public override void Run(ICakeContext context) => recorder.Add("AfterTolerated");
}

/// <summary>Not a task: depending on it is a start-up error.</summary>
public sealed class NotATask;

[TaskName("BadDependency")]
[IsDependentOn(typeof(NotATask))]
public sealed class BadDependencyTask : FrostingTask<ICakeContext>;

public sealed class NamedByClassTask : FrostingTask<ICakeContext>;

public sealed class RecordingLifetime(Recorder recorder) : FrostingLifetime<ICakeContext>
{
    public override void Setup(ICakeContext context, ISetupContext info) => recorder.Add("Setup:" + info.TargetTask.Name);
    public override void Teardown(ICakeContext context, ITeardownContext info) => recorder.Add("Teardown:" + info.Successful);
}
