namespace GitOps.Build.Git;

/// <summary>How opening a change as a pull request ended.</summary>
public enum BranchPullRequestOutcome { Opened, AlreadyOpen, PushFailed, OpenFailed }

/// <summary>What <see cref="BranchPullRequest.Open"/> did: how it ended, the commit on the branch, the line that says so, the pull request, and problems beside it (a label refused, git's detail).</summary>
public sealed record BranchPullRequestResult(BranchPullRequestOutcome Outcome, string Sha, string Message, PullRequest? PullRequest = null, IReadOnlyList<string>? Problems = null);

/// <summary>
/// The one way a change becomes a pull request (Promote, Rollback, NewApp, NewEnvironment): its files committed on a
/// branch of its own without a checkout (HEAD, the index and the work tree stay as they are; a branch already holding
/// exactly this is reused), that branch pushed, and a pull request (GitHub) or merge request (GitLab) opened from it into
/// the current branch (or the one already open for it found) and labelled. Each failure says what is left and how to go on.
/// </summary>
public sealed class BranchPullRequest(IGitWorkingTree git, PullRequestHost host)
{
    /// <summary>The pull request already open for <paramref name="branch"/> into the current branch, if any.</summary>
    /// <exception cref="InvalidOperationException">HEAD is on no branch.</exception>
    /// <exception cref="PullRequestException">The service could not be asked (unreachable, the token refused).</exception>
    public PullRequest? FindOpen(string branch) =>
        host.FindOpen(branch, git.CurrentBranch ?? throw new InvalidOperationException("HEAD is on no branch, so there is no branch for the pull request to go into."));

    /// <param name="files">Paths (absolute, or relative to the root) and their new bytes.</param>
    /// <param name="subject">The change in one line: the title (first letter up) and the start of the result's line.</param>
    /// <param name="body">The pull request's body (Markdown), given the branch it goes into.</param>
    public BranchPullRequestResult Open(string branch, IReadOnlyDictionary<string, byte[]> files, string message, string subject, Func<string, string> body, IReadOnlyList<string> labels)
    {
        var into = git.CurrentBranch ?? throw new InvalidOperationException("HEAD is on no branch, so there is no branch for the pull request to go into.");
        var sha = git.CommitOnBranch(branch, files, message);
        try
        {
            git.PushBranch(branch, host.TokenForPush(git.RemoteUrl));
        }
        catch (GitPushException e)
        {
            return new(BranchPullRequestOutcome.PushFailed, sha,
                $"committed {sha[..7]} on the local branch {branch}, but the push failed: {e.Message}. Nothing reached the remote and no {host.Noun} was opened; "
                + $"your branch, index and work tree are as they were. Delete the branch (git branch -D {branch}) or push it once the remote takes it (git push {e.Remote} {branch}).",
                Problems: [e.Detail]);
        }
        PullRequest pr;
        bool created;
        try
        {
            (pr, created) = host.Open(new PullRequestDraft(branch, into, Title(subject), body(into), labels));
        }
        catch (PullRequestException e)
        {
            return new(BranchPullRequestOutcome.OpenFailed, sha,
                $"pushed {sha[..7]} as the branch {branch}, but no {host.Noun} was opened: {e.Message} "
                + $"Your branch, index and work tree are as they were. Run again once that is fixed (the branch is reused), or open the {host.Noun} from {branch} into {into} by hand.");
        }
        IReadOnlyList<string>? problems = null;
        if (created)
        {
            try { host.Label(pr, labels); }
            catch (PullRequestException e) { problems = [$"{pr.Url} is open, but it could not be labelled ({string.Join(", ", labels)}): {e.Message}"]; }
        }
        return created
            ? new(BranchPullRequestOutcome.Opened, sha, $"{subject}: {host.Noun} #{pr.Number} opened from {branch} into {into}: {pr.Url}", pr, problems)
            : new(BranchPullRequestOutcome.AlreadyOpen, sha, $"{host.Noun} #{pr.Number} for this change is already open: {pr.Url}; nothing else was done.", pr);
    }

    /// <summary>A title as the subject reads, first letter up.</summary>
    private static string Title(string subject) => subject.Length == 0 ? subject : char.ToUpperInvariant(subject[0]) + subject[1..];
}
