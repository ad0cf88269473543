using GitOps.Build.Git;
using GitOps.Build.Primitives;

namespace GitOps.Build.Scaffolding;

/// <summary>
/// The end of NewApp and NewEnvironment: a preview shows every file and what the check said; a change the check
/// refused writes nothing; otherwise every file is written at once (all or nothing) and exactly those are committed.
/// A commit that fails is undone (files, index), so the repository is as it was.
/// </summary>
public sealed class ScaffoldDelivery(IGitWorkingTree git)
{
    /// <summary>What would keep the commit from being made (a detached HEAD, no identity), checked before anything is written.</summary>
    /// <exception cref="InputException">The first such problem.</exception>
    public void RefuseWhatGitWouldRefuse()
    {
        var problems = git.ProblemsBeforeCommit(push: false, tagName: null);
        if (problems.Count > 0) throw new InputException(string.Join(" ", problems) + " Nothing was written.");
    }

    /// <param name="subject">The commit's subject, also the result's line.</param>
    public ScaffoldResult Deliver(FileChanges changes, string subject, string body, ScratchResult check, IReadOnlyList<string> toFillIn, bool preview)
    {
        var files = changes.RelativePaths;
        var message = subject + "\n\n" + body.TrimEnd() + "\n";
        var refused = check.Passed ? null : $"{subject}: CI on a scratch copy with these files has {check.Added.Count + check.Problems.Count} new problem(s) (listed above); nothing was written.";
        if (preview)
            return new ScaffoldResult(refused is null ? ScaffoldOutcome.Previewed : ScaffoldOutcome.CheckFailed,
                refused ?? $"preview: would write {files.Count} file(s) and commit them as \"{subject}\"; nothing was written.", files, message, check, toFillIn) { Preview = changes.Preview() };
        if (refused is not null) return new ScaffoldResult(ScaffoldOutcome.CheckFailed, refused, files, message, check, toFillIn);

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
        return new ScaffoldResult(ScaffoldOutcome.Committed, $"{subject} ({sha[..7]}): {files.Count} file(s) written and committed.", files, message, check, toFillIn) { Sha = sha };
    }
}
