using System.Text;
using GitOps.Build.Changes;
using GitOps.Build.Git;
using GitOps.Build.IO;
using GitOps.Build.Yaml;

namespace GitOps.Build.Promotion;

/// <summary>
/// Delivers a proven, validated change: shows it (preview); or writes its files (all of them, or none: one that
/// fails puts back those already written) and commits them on the current branch, optionally tagged and pushed
/// (a failed commit or tag is undone: files, index, branch; a rejected push says what is left locally and how to
/// undo it); or commits it on a new branch without touching the work tree, pushes that branch and opens a pull
/// request whose body is the rendered diff.
/// </summary>
internal sealed class ChangeDelivery(IGitWorkingTree git)
{
    /// <summary>The pull request already open for <paramref name="branch"/> into the current branch, if any.</summary>
    /// <exception cref="PromotionRefusedException">The service could not be asked (unreachable, the token refused): nothing was changed.</exception>
    public PullRequest? OpenPullRequest(string branch, PullRequestDelivery delivery)
    {
        try
        {
            return new BranchPullRequest(git, delivery.Host).FindOpen(branch);
        }
        catch (InvalidOperationException e)
        {
            throw new PromotionRefusedException(e.Message);
        }
        catch (PullRequestException e)
        {
            throw new PromotionRefusedException($"{e.Message} Nothing was changed.");
        }
    }

    public PromotionResult Deliver(PlannedChange change, bool preview, bool push, PullRequestDelivery? pullRequest, Func<string, string> display)
    {
        var proof = change.Proof!;
        var diff = RenderedDiff(proof);
        var files = change.Files.Select(f => display(f.Path)).ToList();
        var where = Where(change, display);
        if (preview)
            return new PromotionResult(PromotionOutcome.Previewed,
                $"preview: would set {where} to {change.Version}" + (pullRequest is null
                    ? $" and commit {string.Join(", ", files)}" + (change.GitTag is null ? "." : $", tagged {change.GitTag}.")
                    : $", commit it on the branch {change.Branch} and open a {pullRequest.Host.Noun} into {git.CurrentBranch}."),
                diff, change.Message, GitTag: change.GitTag) { Files = files };
        return pullRequest is null ? Commit(change, push, diff, files, display) : OpenPullRequest(change, pullRequest, diff, files, display);
    }

    private PromotionResult OpenPullRequest(PlannedChange change, PullRequestDelivery delivery, string diff, IReadOnlyList<string> files, Func<string, string> display)
    {
        var labels = new List<string> { "promotion", $"app:{change.App}", $"env:{change.Environment}" };
        if (change.Holds is not null && change.Branch.StartsWith("rollback/", StringComparison.Ordinal)) labels.Add("rollback");
        var opened = new BranchPullRequest(git, delivery.Host).Open(change.Branch, change.Files.ToDictionary(f => f.Path, f => Bytes(f)), change.Message, change.Subject,
            into => delivery.Body(new PullRequestContent(change.Subject, files, change.Notes, UnitDiff(change, into), diff)), labels);
        var outcome = opened.Outcome switch
        {
            BranchPullRequestOutcome.Opened => PromotionOutcome.PullRequestOpened,
            BranchPullRequestOutcome.AlreadyOpen => PromotionOutcome.PullRequestExists,
            BranchPullRequestOutcome.PushFailed => PromotionOutcome.PushFailed,
            _ => PromotionOutcome.PullRequestFailed,
        };
        return new PromotionResult(outcome, opened.Message, diff, change.Message, opened.Sha, Problems: opened.Problems)
            { PullRequestUrl = opened.PullRequest?.Url, Files = files };
    }

    private PromotionResult Commit(PlannedChange change, bool push, string diff, IReadOnlyList<string> files, Func<string, string> display)
    {
        var headBefore = git.HeadSha ?? throw new InvalidOperationException("the branch has no commit yet.");
        var originals = change.Files.ToDictionary(f => f.Path, f => File.Exists(f.Path) ? File.ReadAllBytes(f.Path) : null);
        string sha;
        try
        {
            WriteAll(change.Files, originals);
            sha = git.CommitFiles(change.Files.Select(f => f.Path).ToList(), change.Message);
            if (change.GitTag is not null) git.CreateAnnotatedTag(change.GitTag, change.Subject);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The write, the commit or the tag failed: put the files, the index, the branch (and a half-made tag) back as we found them.
            Restore(originals);
            try
            {
                git.ResetTo(headBefore, change.GitTag);
            }
            catch (Exception undo) when (undo is not OutOfMemoryException)
            {
                // Often the same cause (another git holds .git/index.lock): say exactly what is left to undo by hand.
                throw new InvalidOperationException($"{e.Message} {string.Join(", ", files)} {(files.Count == 1 ? "is" : "are")} restored, but the index and HEAD could not be put back ({undo.Message}); "
                    + $"once nothing else uses the repository, run git reset --mixed {headBefore[..7]}{(change.GitTag is null ? "" : $" and, if it exists, git tag -d {change.GitTag}")}.", e);
            }
            throw new InvalidOperationException($"{e.Message} Nothing was changed: {string.Join(", ", files)}, the index and HEAD are as they were.", e);
        }
        if (push)
        {
            try
            {
                git.Push(change.GitTag);
            }
            catch (GitPushException e)
            {
                return new PromotionResult(PromotionOutcome.PushFailed, PushFailedMessage(e, sha, change.GitTag), diff, change.Message, sha, change.GitTag, [e.Detail]) { Files = files };
            }
        }
        return new PromotionResult(PromotionOutcome.Promoted, $"{change.Subject} ({sha[..7]}{(push ? ", pushed" : "")}); set at {Where(change, display)}",
            diff, change.Message, sha, change.GitTag) { Files = files };
    }

    /// <summary>Every file written (each atomically); when one fails, those already written are put back before the error goes on.</summary>
    private static void WriteAll(IReadOnlyList<EditedFile> files, IReadOnlyDictionary<string, byte[]?> originals)
    {
        var written = new List<EditedFile>();
        try
        {
            foreach (var file in files)
            {
                ValuesFile.Write(file.Path, file.Text, file.HasBom);
                written.Add(file);
            }
        }
        catch
        {
            Restore(written.ToDictionary(f => f.Path, f => originals[f.Path]));
            throw;
        }
    }

    private static void Restore(IReadOnlyDictionary<string, byte[]?> originals)
    {
        foreach (var (path, bytes) in originals)
        {
            if (bytes is null) File.Delete(path);
            else AtomicFile.WriteAllBytes(path, bytes);
        }
    }

    private static byte[] Bytes(EditedFile file)
    {
        var body = new UTF8Encoding(false, true).GetBytes(file.Text);
        return file.HasBom ? [0xEF, 0xBB, 0xBF, .. body] : body;
    }

    /// <summary>The places the change sets, as file:line (path).</summary>
    private static string Where(PlannedChange change, Func<string, string> display) =>
        string.Join(", ", change.Proof!.Sites.Select(s => s.Where(display(s.File))));

    /// <summary>The environment's objects that differ, as Diff shows them (keys sorted, secret values masked); each Application's
    /// under its name when the app has several there.</summary>
    private static string RenderedDiff(ProvenEdit proof) =>
        string.Concat(proof.Renderings.Select(r => (proof.Renderings.Count > 1 ? $"# Application {r.Target.Application}\n" : "")
            + string.Concat(ResourceDiff.Compare(r.Before, r.After).Select(d => d.Diff))));

    private DiffResult? UnitDiff(PlannedChange change, string branchInto)
    {
        var units = change.Proof!.Renderings.Where(r => r.Target.Unit is not null).Select(r =>
        {
            var unit = r.Target.Unit!;
            // The files this Application reads, and those none reads (the holds file).
            var edits = change.Files.Where(f => r.Target.File(f.Path) is not null || change.Proof.Renderings.All(o => o.Target.File(f.Path) is null))
                .Select(f => $"edits {IO.RepoPath.Relative(git.Root, f.Path)}").ToList();
            return new UnitDiff(new TouchedUnit(unit.Id, UnitChange.Changed, unit, unit, edits), ResourceDiff.Compare(r.Before, r.After));
        }).ToList();
        return units.Count == 0 ? null : new DiffResult(branchInto, git.HeadSha ?? "", units);
    }

    /// <summary>What is left locally and how to undo it or finish the push, in plain words.</summary>
    private static string PushFailedMessage(GitPushException e, string sha, string? tagName)
    {
        var commit = sha[..7];
        if (e.BranchReachedRemote && tagName is not null)
            return $"the commit {commit} was pushed, but {e.Message} for the tag {tagName}. Left locally: the tag {tagName}. "
                + $"Delete it (git tag -d {tagName}), or push it again once the remote takes it (git push {e.Remote} {tagName}).";
        var left = tagName is null ? $"the commit {commit}" : $"the commit {commit} and the tag {tagName}";
        var undo = tagName is null ? "git reset --hard HEAD~1" : $"git reset --hard HEAD~1 and git tag -d {tagName}";
        var retry = e.Kind == GitPushFailure.NotFastForward
            ? "then pull (git pull --ff-only) and promote again, so the promotion is validated on what the remote now holds"
            : $"or fix the cause and push again (git push{(tagName is null ? "" : $" && git push {e.Remote} {tagName}")})";
        return $"committed {commit} locally, but the push failed: {e.Message}. Nothing reached the remote. Left locally: {left}. "
            + $"To undo it: {undo}; {retry}.";
    }
}
