using System.Diagnostics;
using Cake.Core;
using Cake.Core.Diagnostics;
using GitOps.Build.Primitives;

namespace GitOps.Build.Hosting;

/// <summary>
/// How a failed run ends: one line saying what failed. An expected failure (a tool, a check, the
/// cluster, the repository: anything that says what is wrong) prints its message alone. Only an
/// internal error — a bug in the build program — shows where it happened: its innermost frames,
/// and the whole trace at <c>--verbosity=diagnostic</c>.
/// </summary>
public static class FailureReport
{
    private const int InnermostFrames = 5;

    public static int Write(ICakeLog log, Exception error, Verbosity verbosity)
    {
        if (!IsInternal(error))
        {
            log.Fail($"Error: {error.Message}");
            return error is CakeException { ExitCode: not 0 } cake ? cake.ExitCode : ExitCodes.Failure;
        }
        log.Fail($"Internal error ({error.GetType().Name}): {error.Message}");
        if (verbosity >= Verbosity.Diagnostic)
        {
            log.Fail(error.ToString());
        }
        else
        {
            var frames = new StackTrace(error, fNeedFileInfo: true).GetFrames()
                .Take(InnermostFrames)
                .Select(f => $"   at {f.GetMethod()?.DeclaringType?.Name}.{f.GetMethod()?.Name}" + (f.GetFileName() is { } file ? $" in {Path.GetFileName(file)}:{f.GetFileLineNumber()}" : ""));
            foreach (var frame in frames) log.Fail(frame);
            log.Error("   (the whole trace with --verbosity=diagnostic)");
        }
        return ExitCodes.Failure;
    }

    /// <summary>
    /// Bugs, not conditions: exceptions a program only throws when its own code is wrong. Everything
    /// else (I/O, tools, the cluster, the repository's content) is a failure the message explains.
    /// </summary>
    public static bool IsInternal(Exception error) =>
        error is NullReferenceException or IndexOutOfRangeException or InvalidCastException or ArgumentException
            or KeyNotFoundException or NotImplementedException or NotSupportedException or StackOverflowException
            or InvalidOperationException { Source: "System.Linq" or "System.Private.CoreLib" };

}
