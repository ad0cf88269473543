namespace GitOps.Build.Promotion;

public enum PromotionOutcome
{
    /// <summary>The files were changed and committed.</summary>
    Promoted,
    /// <summary>--preview: the change was shown, nothing was written.</summary>
    Previewed,
    /// <summary>The environment already runs the version; nothing to do.</summary>
    AlreadyAt,
    /// <summary>Not allowed (order, mutable tag, a hold, dirty tree, unknown app or environment, a git state the commit or push would trip on, no place to write).</summary>
    Refused,
    /// <summary>The edited environment failed lint, render or validation; nothing was written.</summary>
    ValidationFailed,
    /// <summary>Committed (and tagged) locally, but the remote did not take the push; the message says how to undo it.</summary>
    PushFailed,
    /// <summary>Committed on a new branch, pushed, and a pull request opened.</summary>
    PullRequestOpened,
    /// <summary>A pull request for the same change is already open; it is reported, nothing else is done.</summary>
    PullRequestExists,
    /// <summary>The branch was pushed, but the service did not open the pull request; the message says what is left.</summary>
    PullRequestFailed,
    /// <summary>Not decided without an argument the command line lacks (the message names it); nothing was changed. Exit 2.</summary>
    NeedsArgument,
}

/// <summary>What a promotion did, with everything the task prints.</summary>
/// <param name="Message">One line for the operator.</param>
/// <param name="Diff">Unified diff of the target environment's rendered objects, before → after.</param>
public sealed record PromotionResult(
    PromotionOutcome Outcome,
    string Message,
    string? Diff = null,
    string? CommitMessage = null,
    string? CommitSha = null,
    string? GitTag = null,
    IReadOnlyList<string>? Problems = null)
{
    /// <summary>The pull request opened or found.</summary>
    public string? PullRequestUrl { get; init; }

    /// <summary>Errors the environment already had before the change (validation does not hold them against it; CI reports them).</summary>
    public IReadOnlyList<string> Standing { get; init; } = [];

    /// <summary>The files the change edits, relative to the repository.</summary>
    public IReadOnlyList<string> Files { get; init; } = [];

    /// <summary>What the change did besides the image, or what the operator should know about it (Applications that disagreed before, a hold lifted).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>0 when the environment ends up at the requested version (or would, for a preview; or a pull request proposes it); 2 when the command
    /// line lacks what decides it; 1 otherwise.</summary>
    public int ExitCode => Outcome switch
    {
        PromotionOutcome.Promoted or PromotionOutcome.Previewed or PromotionOutcome.AlreadyAt or PromotionOutcome.PullRequestOpened or PromotionOutcome.PullRequestExists => 0,
        PromotionOutcome.NeedsArgument => 2,
        _ => 1,
    };
}
