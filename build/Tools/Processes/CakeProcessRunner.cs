using Cake.Core.IO;

namespace GitOps.Build.Tools.Processes;

/// <summary>
/// Cake's <see cref="IProcessRunner"/> over <see cref="ChildProcessRunner"/>: the tools written as
/// Cake <c>Tool&lt;TSettings&gt;</c> (helm, kubectl) build their settings and arguments the Cake way,
/// and their child is started, time-limited and killed by the one runner. The arguments go over
/// as a list (<see cref="ArgumentItems.Of"/>); <see cref="ProcessSettings.Timeout"/> is the call's
/// time limit.
/// </summary>
public sealed class CakeProcessRunner(ChildProcessRunner runner) : IProcessRunner
{
    public ChildProcessRunner Runner { get; } = runner;

    public IProcess Start(FilePath filePath, ProcessSettings settings)
    {
        var request = new ProcessRequest(filePath.FullPath, ArgumentItems.Of(settings.Arguments ?? new ProcessArgumentBuilder()))
        {
            Environment = settings.EnvironmentVariables?.ToDictionary(v => v.Key, v => (string?)v.Value) ?? [],
            WorkingDirectory = settings.NoWorkingDirectory ? null : settings.WorkingDirectory?.FullPath,
            TimeLimit = settings.Timeout is int milliseconds ? TimeSpan.FromMilliseconds(milliseconds) : null,
        };
        return new CakeProcess(Runner.Start(request));
    }

    /// <summary>The captured result of a process this runner started (what a tool's post-action reads).</summary>
    public static ProcessResult ResultOf(IProcess process) =>
        process is CakeProcess ours ? ours.Result : throw new ArgumentException("not a process started by CakeProcessRunner", nameof(process));

    /// <summary>
    /// A running child as Cake sees it. Waiting collects it through <see cref="RunningProcess.Wait"/>,
    /// which enforces the limit itself: a wait with Cake's own timeout waits the same way.
    /// </summary>
    private sealed class CakeProcess(RunningProcess running) : IProcess
    {
        private ProcessResult? _result;

        public ProcessResult Result => _result ??= running.Wait();

        public void WaitForExit() => _ = Result;

        public bool WaitForExit(int milliseconds)
        {
            _ = Result;
            return true;
        }

        public int GetExitCode() => Result.ExitCode;

        public IEnumerable<string> GetStandardOutput() => Result.Output.Split('\n');

        public IEnumerable<string> GetStandardError() => Result.Error.Split('\n');

        public void Kill() => running.Dispose();

        public void Dispose() => running.Dispose();
    }
}
