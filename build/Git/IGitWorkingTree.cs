namespace GitOps.Build.Git;

/// <summary>One commit as PromotionStatus shows it.</summary>
public sealed record GitCommitSummary(string Sha, DateTimeOffset When, string Subject)
{
    public string ShortSha => Sha[..Math.Min(7, Sha.Length)];
}

/// <summary>A file's content as one commit left it.</summary>
public sealed record GitFileVersion(GitCommitSummary Commit, string Content);

/// <summary>
/// The git operations promotion needs, and nothing else. Paths are absolute or relative to the
/// working tree's root. <see cref="CakeGitWorkingTree"/> is the implementation; promotion logic
/// depends only on this interface so it stays free of Cake.
/// </summary>
public interface IGitWorkingTree
{
    /// <summary>The working tree's root folder.</summary>
    string Root { get; }

    /// <summary>Modified, staged, deleted and untracked files (ignored ones excluded), relative to <see cref="Root"/>, with '/'.</summary>
    IReadOnlyList<string> DirtyFiles();

    /// <summary>
    /// What would make a promotion commit fail, or make it (with <paramref name="push"/>) publish more than
    /// the promotion: a detached HEAD, no git identity, <paramref name="tagName"/> already taken; with push,
    /// no remote or upstream, a branch behind its upstream, or other unpushed commits. Empty when none.
    /// Changes nothing but, with push, the remote-tracking ref of the upstream (fetched, without tags, to compare).
    /// </summary>
    IReadOnlyList<string> ProblemsBeforeCommit(bool push, string? tagName);

    /// <summary>HEAD's commit sha; null when the branch has no commit yet.</summary>
    string? HeadSha { get; }

    /// <summary>
    /// Undoes a promotion that failed before its push: the branch and the index back to <paramref name="sha"/>
    /// (a mixed reset; the caller restores the file's bytes), and <paramref name="tagName"/> deleted when it
    /// points at a commit other than <paramref name="sha"/>.
    /// </summary>
    void ResetTo(string sha, string? tagName = null);

    /// <summary>Stages exactly <paramref name="files"/> and commits them; refuses when anything else is staged. Returns the new commit's sha.</summary>
    string CommitFiles(IReadOnlyList<string> files, string message);

    /// <summary>The branch HEAD is on; null when HEAD is detached or the branch has no commit yet.</summary>
    string? CurrentBranch { get; }

    /// <summary>Who commits, as git would sign: "Name &lt;email&gt;"; null when git has no identity.</summary>
    string? Identity { get; }

    /// <summary>The URL of the remote the current branch pushes to (its upstream's, else origin's); null when there is none.</summary>
    string? RemoteUrl { get; }

    /// <summary>
    /// A commit on top of HEAD with HEAD's tree and <paramref name="files"/> (paths relative to <see cref="Root"/>, with '/') replaced,
    /// on the new local branch <paramref name="branch"/>; HEAD, the index and the work tree are not touched. A branch of that name
    /// already holding exactly this is reused (its sha returned); one holding anything else is refused.
    /// </summary>
    string CommitOnBranch(string branch, IReadOnlyDictionary<string, byte[]> files, string message);

    /// <summary>
    /// What keeps a pull request from holding only this change: a detached HEAD, no identity, no remote, a branch without
    /// an upstream, behind it or with commits the remote lacks (the upstream is fetched to compare). Empty when none.
    /// </summary>
    /// <param name="token">Sent to an https remote on the configured host only (<see cref="PushCredentials"/>).</param>
    IReadOnlyList<string> ProblemsBeforePullRequest(string? token);

    /// <summary>Pushes the local <paramref name="branch"/> to the branch of the same name on <see cref="RemoteUrl"/>'s remote.
    /// Throws <see cref="GitPushException"/> when the remote refuses or cannot be reached.</summary>
    void PushBranch(string branch, string? token);

    /// <summary>Creates an annotated tag on HEAD.</summary>
    void CreateAnnotatedTag(string name, string message);

    /// <summary>Pushes the current branch (and the tag, when given) to the branch's configured remote.
    /// Throws <see cref="GitPushException"/> when the remote refuses or cannot be reached.</summary>
    void Push(string? tagName = null);

    /// <summary>The newest commit that changed <paramref name="file"/>; null when it was never committed.</summary>
    GitCommitSummary? LastCommitChanging(string file);

    /// <summary>The file as each commit that changed it left it, newest first (lazily: stop enumerating when done).</summary>
    IEnumerable<GitFileVersion> FileHistory(string file);
}
