namespace GitOps.Build.Tools.Processes;

/// <summary>
/// A child process wrote more than its output limit (<see cref="ChildProcessRunner.OutputLimit"/>) on
/// standard output or standard error and was stopped, with every process it started: a template that
/// repeats a string millions of times costs a few bytes of a chart and gigabytes of output. Whoever
/// knows what the run was for (the renderer knows the unit) turns it into a YAML-PARSE finding, since
/// the output is YAML the suite would read; elsewhere it ends the target with this message.
/// </summary>
public sealed class ToolOutputLimitException(string command, long limit)
    : Exception($"{command} wrote more than {limit / (1024 * 1024)} MiB, the limit for what the suite reads from a tool (as for a YAML file), " +
                "and was stopped with every process it started")
{
    /// <summary>The tool and its subcommand, e.g. "helm template".</summary>
    public string Command { get; } = command;

    /// <summary>The most characters of each of its streams that were read.</summary>
    public long Limit { get; } = limit;
}
