using GitOps.Build.Changes;
using GitOps.Build.Git;

namespace GitOps.Build.Promotion;

/// <summary>A promotion request plus what to do with git around it.</summary>
/// <param name="Preview">Show the diff and the commit it would make; write, commit and push nothing.</param>
/// <param name="CreateGitTag">Also create an annotated tag &lt;app&gt;/&lt;env&gt;/&lt;tag&gt; on the commit.</param>
/// <param name="Push">Push the commit (and tag) to the branch's configured remote.</param>
public sealed record PromoteOptions(PromotionRequest Request, bool Preview = false, bool CreateGitTag = false, bool Push = false)
{
    /// <summary>The app's image repository as the operator names it (--image); null: found from what renders.</summary>
    public string? Image { get; init; }

    /// <summary>Commit on a new branch, push it and open a pull request there instead of committing on the current branch.</summary>
    public PullRequestDelivery? PullRequest { get; init; }
}

/// <summary>What Rollback was asked: <c>--app --env [--to] [--reason]</c>.</summary>
/// <param name="To">The version to go back to (tag, tag@digest or digest); null: the one before the current one, from git history.</param>
public sealed record RollbackRequest(string App, string Environment, string? To, string Reason, bool Preview = false, bool Push = false)
{
    public string? Image { get; init; }

    public PullRequestDelivery? PullRequest { get; init; }
}

/// <summary>
/// Where a promotion through a pull request goes: the hosting service, and how its body is written (the task gives the
/// report writer: the rendered diff as Diff writes it, every value from the repository escaped).
/// </summary>
public sealed record PullRequestDelivery(PullRequestHost Host, Func<PullRequestContent, string> Body);

/// <summary>What a pull request's body says: one line on the change, the files it edits, and the rendered diff.</summary>
/// <param name="Diff">The environment's rendering before and after, as Diff reports it; null when the target has no render unit (tests).</param>
public sealed record PullRequestContent(string Summary, IReadOnlyList<string> Files, IReadOnlyList<string> Notes, DiffResult? Diff, string PlainDiff)
{
    /// <summary>Which target opened it and what it proved first, as the body says it.</summary>
    public string OpenedBy { get; init; } = "Promote; the change was rendered and validated before it was committed";
}
