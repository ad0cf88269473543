namespace GitOps.Build.Hosting;

/// <summary>
/// How a run ends when it fails without an exception (findings are not one): a lifetime or task says
/// why (<see cref="Fail"/>), and after the last task the host prints the run's one closing line,
/// "<see cref="Name"/> failed: why", and exits 1. One per run, from the host's services.
/// </summary>
public sealed class RunOutcome
{
    /// <summary>What the run is called in its closing line: the targets asked for (the default target by what it runs).</summary>
    public string Name { get; internal set; } = "Run";

    /// <summary>Why the run failed; null while it has not.</summary>
    public string? Failure { get; private set; }

    public void Fail(string why) => Failure = why;

    private readonly HashSet<string> failedStages = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The stages that found errors (findings, not exceptions): the task summary shows the tasks of
    /// those names as failed, not "Succeeded" above the closing line.
    /// </summary>
    public IReadOnlySet<string> FailedStages => failedStages;

    public void StagesFailed(IEnumerable<string> stages) => failedStages.UnionWith(stages);

    /// <summary>The closing line of a failed run; null when it did not fail.</summary>
    public string? ClosingLine => Failure is { } why ? $"{Name} failed: {why}" : null;

    /// <summary>The run's name from the targets asked for: the default target is called by the one target it runs.</summary>
    internal static string NameOf(IReadOnlyList<string> targets, IReadOnlyList<TaskDefinition> tasks) =>
        string.Join(", ", targets.Select(t =>
            tasks.FirstOrDefault(d => string.Equals(d.Name, t, StringComparison.OrdinalIgnoreCase)) is { Name: CakeHost.DefaultTarget, DependsOn: [var only] } ? only : t));
}
