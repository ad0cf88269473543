using Cake.Core;
using Cake.Core.IO;
using Cake.Core.Tooling;

namespace GitOps.Build.Tools.Processes;

/// <summary>
/// A Cake <c>Tool&lt;TSettings&gt;</c> whose runs are captured: the process is started by the one
/// child-process runner (through <see cref="CakeProcessRunner"/>: time-limited, killed with its
/// descendants when the run stops), its output kept and its exit code returned rather than thrown,
/// so that many runs can be reported together. <see cref="ToolSettings.ToolTimeout"/>, when set, is
/// the call's own time limit instead of the runner's.
/// </summary>
public abstract class CapturingTool<TSettings>(IFileSystem fileSystem, ICakeEnvironment environment, CakeProcessRunner processRunner, IToolLocator tools)
    : Tool<TSettings>(fileSystem, environment, processRunner, tools)
    where TSettings : ToolSettings
{
    protected ProcessResult Execute(TSettings settings, ProcessArgumentBuilder arguments)
    {
        ProcessResult? result = null;
        settings.HandleExitCode = _ => true; // reported through the result, not as an exception
        var process = new ProcessSettings
        {
            RedirectStandardOutput = true, RedirectStandardError = true, Silent = true,
            Timeout = settings.ToolTimeout is { } limit ? (int)Math.Min(int.MaxValue, limit.TotalMilliseconds) : null,
        };
        Run(settings, arguments, process, p => result = CakeProcessRunner.ResultOf(p));
        return result ?? throw new InvalidOperationException($"{GetToolName()} produced no result");
    }
}
