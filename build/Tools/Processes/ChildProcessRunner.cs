using System.Diagnostics;

namespace GitOps.Build.Tools.Processes;

/// <summary>
/// The one place the build program starts a child process (helm, kubectl, Graphviz dot, npm, a version
/// probe; git runs in process): arguments as a list, output captured, and every call bounded: by its time limit
/// (<see cref="TimeLimit"/>, or the request's own), after which the child and every process it
/// started are killed and <see cref="ToolTimeoutException"/> is thrown; by its output
/// (<see cref="OutputLimit"/> characters of standard output and of standard error, past which the same
/// happens and <see cref="ToolOutputLimitException"/> is thrown); and by the run's
/// cancellation (SIGINT/SIGTERM), which kills them the same way. Every child still running is
/// known (<see cref="KillAllLive"/>): an interrupted run's last-resort clean-up and the end of
/// this process kill them, so no helm outlives the build.
/// </summary>
public sealed class ChildProcessRunner(TimeSpan? timeLimit = null, CancellationToken cancellation = default)
{
    /// <summary>How long one tool run may take unless --tool-timeout says otherwise.</summary>
    public static readonly TimeSpan DefaultTimeLimit = TimeSpan.FromMinutes(10);

    private static readonly HashSet<Process> Live = [];

    static ChildProcessRunner()
    {
        // Normal exit, Environment.Exit (an interrupt's forced exit) and an unhandled exception all
        // end here: a child a background task started (a model preloading) must not outlive us.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAllLive();
    }

    /// <summary>
    /// How much of a child's standard output (and of its standard error) is read: what the suite reads from
    /// a tool is YAML like any file, held to the same size (<see cref="Yaml.YamlLimits.MaxFileBytes"/>).
    /// </summary>
    public const long OutputLimit = Yaml.YamlLimits.MaxFileBytes;

    /// <summary>A runner with the default limit and no cancellation but the caller's (tests, tools outside a run).</summary>
    public static ChildProcessRunner Default { get; } = new();

    /// <summary>How long a call may take when its request names no limit of its own.</summary>
    public TimeSpan TimeLimit { get; } = timeLimit ?? DefaultTimeLimit;

    /// <summary>The run's cancellation: when it fires, every child this runner started is killed.</summary>
    public CancellationToken Cancellation { get; } = cancellation;

    /// <summary>Runs the request to its end.</summary>
    /// <exception cref="ToolTimeoutException">It ran longer than its limit (the child and its descendants were killed).</exception>
    /// <exception cref="OperationCanceledException">The run or <paramref name="cancellationToken"/> was cancelled (likewise killed).</exception>
    /// <exception cref="System.ComponentModel.Win32Exception">The executable could not be started.</exception>
    public ProcessResult Run(ProcessRequest request, CancellationToken cancellationToken = default)
    {
        using var running = Start(request, cancellationToken);
        return running.Wait();
    }

    /// <inheritdoc cref="Run"/>
    public Task<ProcessResult> RunAsync(ProcessRequest request, CancellationToken cancellationToken = default) =>
        Task.Run(() => Run(request, cancellationToken), CancellationToken.None);

    /// <summary>Starts the request; <see cref="RunningProcess.Wait"/> collects it (Cake's IProcess needs the two apart).</summary>
    public RunningProcess Start(ProcessRequest request, CancellationToken cancellationToken = default)
    {
        Cancellation.ThrowIfCancellationRequested();
        cancellationToken.ThrowIfCancellationRequested();
        var start = new ProcessStartInfo(request.Executable)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // Without input the child reads an empty, closed stdin rather than the operator's terminal.
            RedirectStandardInput = true,
            WorkingDirectory = request.WorkingDirectory ?? "",
        };
        foreach (var argument in request.Arguments) start.ArgumentList.Add(argument);
        foreach (var (name, value) in request.Environment)
        {
            if (value is null) start.Environment.Remove(name);
            else start.Environment[name] = value;
        }
        var process = new Process { StartInfo = start };
        lock (Live)
        {
            process.Start();
            Live.Add(process);
        }
        return new RunningProcess(process, request, request.TimeLimit ?? TimeLimit, request.OutputLimit ?? OutputLimit, Cancellation, cancellationToken,
            () => { lock (Live) Live.Remove(process); });
    }

    /// <summary>Kills every child still running, with its descendants (an interrupted run's clean-up; the end of this process).</summary>
    public static void KillAllLive()
    {
        Process[] running;
        lock (Live) running = [.. Live];
        foreach (var process in running) RunningProcess.KillTree(process);
    }

    /// <summary>The executables of the children running now (what the clean-up would kill).</summary>
    public static IReadOnlyList<string> LiveExecutables
    {
        get { lock (Live) return Live.Select(p => p.StartInfo.FileName).ToList(); }
    }
}
