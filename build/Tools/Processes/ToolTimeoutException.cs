namespace GitOps.Build.Tools.Processes;

/// <summary>
/// A child process ran longer than its time limit and was stopped, with every process it started.
/// Whoever knows what the run was for (the renderer knows the unit, the ApplicationSet expander the
/// ApplicationSet) turns it into a TOOL-TIMEOUT finding; elsewhere it ends the target with this message.
/// </summary>
public sealed class ToolTimeoutException(string command, TimeSpan limit)
    : Exception($"{command} ran longer than {Primitives.Duration.Format(limit)} and was stopped with every process it started; " +
                "--tool-timeout=<duration> gives each tool run more time")
{
    /// <summary>The tool and its subcommand, e.g. "helm template".</summary>
    public string Command { get; } = command;

    public TimeSpan Limit { get; } = limit;
}
