namespace GitOps.Build.Promotion;

public enum PromotionOutcome
{
    /// <summary>The values file was changed and committed.</summary>
    Promoted,
    /// <summary>--preview: the change was shown, nothing was written.</summary>
    Previewed,
    /// <summary>The environment already runs the tag; nothing to do.</summary>
    AlreadyAt,
    /// <summary>Not allowed (order, mutable tag, dirty tree, unknown app or environment, a git state the commit or push would trip on).</summary>
    Refused,
    /// <summary>The edited environment failed lint, render or validation; nothing was written.</summary>
    ValidationFailed,
    /// <summary>Committed (and tagged) locally, but the remote did not take the push; the message says how to undo it.</summary>
    PushFailed,
}

/// <summary>What a promotion did, with everything the task prints.</summary>
/// <param name="Message">One line for the operator.</param>
/// <param name="Diff">Unified diff of the target environment's rendered output (or values file), before → after.</param>
public sealed record PromotionResult(
    PromotionOutcome Outcome,
    string Message,
    string? Diff = null,
    string? CommitMessage = null,
    string? CommitSha = null,
    string? GitTag = null,
    IReadOnlyList<string>? Problems = null)
{
    /// <summary>0 when the environment ends up at the requested tag (or would, for a preview); 1 otherwise.</summary>
    public int ExitCode => Outcome is PromotionOutcome.Promoted or PromotionOutcome.Previewed or PromotionOutcome.AlreadyAt ? 0 : 1;
}
