namespace GitOps.Build.Tools.Processes;

/// <summary>
/// How a child process ended: its exit code and what it wrote, captured rather than thrown so that
/// many runs (every unit of a Lint) can be reported together.
/// </summary>
public sealed record ProcessResult(int ExitCode, string Output, string Error)
{
    public bool Succeeded => ExitCode == 0;
}
