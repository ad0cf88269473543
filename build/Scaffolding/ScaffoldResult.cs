namespace GitOps.Build.Scaffolding;

/// <summary>How a NewApp or NewEnvironment run ended.</summary>
public enum ScaffoldOutcome { Committed, Previewed, CheckFailed, PushFailed, PullRequestOpened, PullRequestExists, PullRequestFailed }

/// <summary>
/// What a scaffold did: how it ended, the line that says so, the files (relative), the commit's message and sha,
/// what CI on the scratch copy said, and what is left for the operator to fill in.
/// </summary>
public sealed record ScaffoldResult(ScaffoldOutcome Outcome, string Message, IReadOnlyList<string> Files, string CommitMessage, ScratchResult Check, IReadOnlyList<string> ToFillIn)
{
    public string? Sha { get; init; }

    /// <summary>Every planned file: new ones in full, edited ones as a unified diff (the preview prints it).</summary>
    public string? Preview { get; init; }

    public string? PullRequestUrl { get; init; }

    /// <summary>What the scaffold chose that the operator should check (the environments NewEnvironment declared where they were only inferred).</summary>
    public IReadOnlyList<string> ToReview { get; init; } = [];

    /// <summary>What went wrong beside the outcome (git's detail of a refused push, a label the service refused).</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    public int ExitCode => Outcome is ScaffoldOutcome.Committed or ScaffoldOutcome.Previewed or ScaffoldOutcome.PullRequestOpened or ScaffoldOutcome.PullRequestExists ? 0 : 1;
}
