namespace GitOps.Build.Git;

/// <summary>One commit as PromotionStatus shows it.</summary>
public sealed record GitCommitSummary(string Sha, DateTimeOffset When, string Subject)
{
    public string ShortSha => Sha[..Math.Min(7, Sha.Length)];
}

/// <summary>A remote of the repository: its name and fetch URL.</summary>
public sealed record GitRemote(string Name, string Url);

/// <summary>A file's content as one commit left it.</summary>
public sealed record GitFileVersion(GitCommitSummary Commit, string Content);

/// <summary>
/// The one interface through which the build program reaches git: what promotion needs (status,
/// commit, tag, push, a file's history), what Diff and <c>--since</c> need (a revision resolved, its
/// tree written out), what an ApplicationSet git generator sees (the files of the next commit), and the remotes (which URL is this repository).
/// Paths are absolute or relative to the working tree's root. <see cref="GitWorkingTree"/> is the
/// implementation, with LibGit2Sharp (in process: no git binary, no Cake alias); code outside
/// build/Git opens one with <see cref="GitWorkingTree.Open"/> (or Find, For) and uses it through this interface.
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

    /// <summary>
    /// The files the next commit would hold: tracked files and the untracked ones git does not ignore,
    /// that exist, relative to <see cref="Root"/> with '/', sorted (what <c>git ls-files --cached --others --exclude-standard</c> lists).
    /// </summary>
    IReadOnlyList<string> Files();

    /// <summary>
    /// The repository's remotes as its configuration names them (<c>url.*.insteadOf</c> applied), origin
    /// first: read from .git/config, nothing fetched. Which URL is this repository is decided from them.
    /// </summary>
    IReadOnlyList<GitRemote> Remotes();

    /// <summary>
    /// <paramref name="spec"/> (a branch, tag, sha, origin/main, HEAD~2) as a commit, or without one the merge-base
    /// of HEAD with the default branch; with the path of <paramref name="contentRoot"/> (the repository content's
    /// root, <see cref="Root"/> or a folder in it) inside the tree. Nothing is checked out or moved.
    /// </summary>
    /// <param name="argument">The argument's name for messages (base, since).</param>
    /// <exception cref="Primitives.InputException">An unknown revision, or no default branch to start from.</exception>
    GitRevisions.Revision Resolve(string contentRoot, string? spec, string argument);

    /// <summary>
    /// The files of <paramref name="revision"/>'s tree under the content root written into <paramref name="folder"/>,
    /// never outside it (see <see cref="GitTreeWriter"/>); how many.
    /// </summary>
    /// <exception cref="GitTreeException">The tree holds an entry git would refuse to check out.</exception>
    int WriteTree(GitRevisions.Revision revision, string folder, CancellationToken cancellationToken = default);
}
