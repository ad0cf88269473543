using System.Text;
using GitOps.Build.Git;
using GitOps.Build.Primitives;
using GitOps.Build.Promotion;

namespace GitOps.Build.Scaffolding;

/// <summary>
/// The end of NewApp and NewEnvironment: a preview shows every file and what the check said; a change the check
/// refused writes nothing; otherwise every file is written at once (all or nothing) and exactly those are committed
/// (a commit that fails is undone: files, index), or, with --pull-request, committed on a branch of their own and
/// opened as a pull request the way Promote opens its own (<see cref="BranchPullRequest"/>; the work tree untouched).
/// </summary>
/// <param name="branch">The pull request's branch (new-app/&lt;name&gt;, new-environment/&lt;name&gt;).</param>
/// <param name="labels">The pull request's labels.</param>
public sealed class ScaffoldDelivery(IGitWorkingTree git, PullRequestDelivery? pullRequest, string branch, IReadOnlyList<string> labels)
{
    /// <summary>What would keep the commit (or the pull request) from holding only this change, checked before anything is read or written.</summary>
    /// <exception cref="InputException">The problems, each with its fix.</exception>
    public void RefuseWhatGitWouldRefuse()
    {
        var problems = pullRequest is null ? git.ProblemsBeforeCommit(push: false, tagName: null) : git.ProblemsBeforePullRequest(pullRequest.Host.TokenForPush(git.RemoteUrl));
        if (problems.Count > 0) throw new InputException(string.Join(" ", problems) + " Nothing was written.");
    }

    /// <summary>With --pull-request, the one already open for this change's branch, said instead of doing the work again; otherwise null.</summary>
    /// <exception cref="InputException">The service could not be asked (unreachable, the token refused).</exception>
    public ScaffoldResult? AlreadyOpen()
    {
        if (pullRequest is null) return null;
        PullRequest? open;
        try { open = new BranchPullRequest(git, pullRequest.Host).FindOpen(branch); }
        catch (Exception e) when (e is PullRequestException or InvalidOperationException) { throw new InputException($"{e.Message} Nothing was written."); }
        return open is null ? null
            : new ScaffoldResult(ScaffoldOutcome.PullRequestExists, $"{pullRequest.Host.Noun} #{open.Number} for {branch} is already open: {open.Url}; nothing else was done.",
                [], "", new ScratchResult([], [], []), []) { PullRequestUrl = open.Url };
    }

    /// <param name="subject">The commit's subject, also the result's line.</param>
    /// <param name="openedBy">What the pull request's body says opened it.</param>
    /// <param name="toReview">What the change chose for the operator to check (environments it declared); said with the result and in the pull request.</param>
    public ScaffoldResult Deliver(FileChanges changes, string subject, string body, ScratchResult check, IReadOnlyList<string> toFillIn, bool preview, string openedBy,
        IReadOnlyList<string>? toReview = null) =>
        Result(changes, subject, body, check, toFillIn, preview, openedBy, toReview ?? []) with { ToReview = toReview ?? [] };

    private ScaffoldResult Result(FileChanges changes, string subject, string body, ScratchResult check, IReadOnlyList<string> toFillIn, bool preview, string openedBy,
        IReadOnlyList<string> toReview)
    {
        var files = changes.RelativePaths;
        var message = subject + "\n\n" + body.TrimEnd() + "\n";
        var refused = check.Passed ? null : $"{subject}: CI on a scratch copy with these files has {check.Added.Count + check.Problems.Count} new problem(s) (listed above); nothing was written.";
        if (preview)
            return new ScaffoldResult(refused is null ? ScaffoldOutcome.Previewed : ScaffoldOutcome.CheckFailed,
                refused ?? $"preview: would write {files.Count} file(s) and " + (pullRequest is null
                    ? $"commit them as \"{subject}\"; nothing was written."
                    : $"commit them on the branch {branch} and open a {pullRequest.Host.Noun} into {git.CurrentBranch}; nothing was written."),
                files, message, check, toFillIn) { Preview = changes.Preview() };
        if (refused is not null) return new ScaffoldResult(ScaffoldOutcome.CheckFailed, refused, files, message, check, toFillIn);
        return pullRequest is null ? Commit(changes, subject, message, check, toFillIn) : Open(pullRequest, changes, subject, message, check, toFillIn, openedBy, toReview);
    }

    private ScaffoldResult Commit(FileChanges changes, string subject, string message, ScratchResult check, IReadOnlyList<string> toFillIn)
    {
        var head = git.HeadSha ?? throw new InvalidOperationException("the branch has no commit yet.");
        changes.WriteAll();
        string sha;
        try
        {
            sha = git.CommitFiles(changes.Files.Select(f => f.Path).ToList(), message);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            changes.Undo();
            try { git.ResetTo(head); }
            catch (Exception undo) when (undo is not OutOfMemoryException)
            {
                throw new InvalidOperationException($"{e.Message} The files are removed again, but the index could not be put back ({undo.Message}); run git reset --mixed {head[..7]}.", e);
            }
            throw new InvalidOperationException($"{e.Message} Nothing was changed: the files are removed again and the index is as it was.", e);
        }
        var files = changes.RelativePaths;
        return new ScaffoldResult(ScaffoldOutcome.Committed, $"{subject} ({sha[..7]}): {files.Count} file(s) written and committed.", files, message, check, toFillIn) { Sha = sha };
    }

    private ScaffoldResult Open(PullRequestDelivery delivery, FileChanges changes, string subject, string message, ScratchResult check, IReadOnlyList<string> toFillIn, string openedBy,
        IReadOnlyList<string> toReview)
    {
        var files = changes.RelativePaths;
        var notes = toReview.Select(t => "To review: " + t).Concat(toFillIn.Select(t => "To fill in: " + t)).ToList();
        var opened = new BranchPullRequest(git, delivery.Host).Open(branch,
            changes.Files.ToDictionary(f => f.Path, f => new UTF8Encoding(false).GetBytes(f.Text)), message, subject,
            _ => delivery.Body(new PullRequestContent(subject, files, notes, null, changes.Preview()) { OpenedBy = openedBy }), labels);
        var outcome = opened.Outcome switch
        {
            BranchPullRequestOutcome.Opened => ScaffoldOutcome.PullRequestOpened,
            BranchPullRequestOutcome.AlreadyOpen => ScaffoldOutcome.PullRequestExists,
            BranchPullRequestOutcome.PushFailed => ScaffoldOutcome.PushFailed,
            _ => ScaffoldOutcome.PullRequestFailed,
        };
        return new ScaffoldResult(outcome, opened.Message, files, message, check, toFillIn) { Sha = opened.Sha, PullRequestUrl = opened.PullRequest?.Url, Problems = opened.Problems ?? [] };
    }
}
