using GitOps.Build.Changes;
using GitOps.Build.Git;
using GitOps.Build.IO;
using GitOps.Build.Yaml;

namespace GitOps.Build.Promotion;

/// <summary>
/// Runs a promotion end to end: refuse a dirty tree, plan, refuse what git would not do or would do
/// beyond the promotion (detached HEAD, no identity, a taken tag; with push no upstream, a branch behind
/// it or other unpushed commits), edit a copy of the target's values file, validate that copy, show the
/// rendered difference, and only then write the real file and commit it (optionally tag and push).
/// A refusal or failed validation leaves the file and history untouched; a failed commit or tag is
/// undone (file, index, branch); a rejected push says what is left locally and how to undo it.
/// </summary>
/// <param name="targets">Every app × environment and its values file (from the repository model).</param>
/// <param name="validate">Lints, renders and validates <c>target</c> with the given values file in place of its own.</param>
/// <param name="render">Renders <c>target</c> with the given values file in place of its own (for the diff); null to diff the values file itself.</param>
/// <param name="tagPath">Where the image tag lives in a values file (a target's own <see cref="PromotionTarget.TagPath"/>, a
/// kustomization's <c>images[i].newTag</c>, wins).</param>
public sealed class Promoter(
    IGitWorkingTree git,
    EnvironmentCatalog catalog,
    IReadOnlyList<PromotionTarget> targets,
    Func<PromotionTarget, string, ValidationOutcome> validate,
    Func<PromotionTarget, string, string>? render = null,
    string tagPath = "image.tag")
{
    public PromotionResult Promote(PromoteOptions options)
    {
        var request = options.Request;
        var dirty = git.DirtyFiles();
        if (dirty.Count > 0)
            return Refused($"the working tree has uncommitted changes ({string.Join(", ", dirty)}); commit or stash them first, so the promotion commit holds only the tag change.");

        var appTargets = targets.Where(t => t.App == request.App).ToDictionary(t => t.Environment, StringComparer.Ordinal);
        var currentTags = appTargets.ToDictionary(kv => kv.Key, kv => CurrentTag(kv.Value), StringComparer.Ordinal);
        var decision = PromotionPlanner.Plan(request, catalog, targets.Select(t => t.App).Distinct().ToList(), currentTags);
        return decision switch
        {
            PromotionDecision.Refused r => Refused(r.Reason),
            PromotionDecision.AlreadyAt a => new PromotionResult(PromotionOutcome.AlreadyAt, a.ToString()),
            PromotionDecision.SetTag change => Apply(change, appTargets[change.ToEnvironment], options),
            _ => throw new InvalidOperationException("Unknown promotion decision."),
        };
    }

    private PromotionResult Apply(PromotionDecision.SetTag change, PromotionTarget target, PromoteOptions options)
    {
        if (target.Refusal is not null) return Refused(target.Refusal + " Nothing was changed.");
        var path = target.TagPathOr(tagPath)!;
        if (target.OverriddenBy is not null)
            return Refused($"{path} of {change.App} in {change.ToEnvironment} is set by {target.OverriddenBy}, which wins over {DisplayPath(target.ValuesFile)}; remove it there so the {(target.TagPath is null ? "values file" : "file")} decides the tag.");
        var message = change.CommitMessage;
        var tagName = options.CreateGitTag ? $"{change.App}/{change.ToEnvironment}/{change.NewTag}" : null;
        var gitProblems = git.ProblemsBeforeCommit(options.Push, tagName);
        if (gitProblems.Count > 0)
            return new PromotionResult(PromotionOutcome.Refused,
                gitProblems.Count == 1 ? $"{gitProblems[0]} Nothing was changed." : $"{gitProblems.Count} problems with git (listed above). Nothing was changed.",
                Problems: gitProblems.Count == 1 ? null : gitProblems);
        var (original, hasBom) = ValuesFile.Read(target.ValuesFile);
        var edited = YamlScalarEditor.SetScalar(original, path, change.NewTag, DisplayPath(target.ValuesFile));

        string diff;
        using (var scratch = new ScratchValuesFile(target.ValuesFile, edited))
        {
            var outcome = Guarded(() => validate(target, scratch.Path));
            if (!outcome.Succeeded)
                return new PromotionResult(PromotionOutcome.ValidationFailed,
                    $"{change.App} in {change.ToEnvironment} does not validate with {path}={change.NewTag}; nothing was written.",
                    Problems: outcome.Problems);
            try
            {
                diff = RenderedDiff(target, scratch.Path, original, edited);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                return new PromotionResult(PromotionOutcome.ValidationFailed,
                    $"rendering {change.App} in {change.ToEnvironment} for the diff failed; nothing was written.", Problems: [e.Message]);
            }
        }

        if (options.Preview)
            return new PromotionResult(PromotionOutcome.Previewed,
                $"preview: would set {path} to {change.NewTag} in {DisplayPath(target.ValuesFile)} and commit it" + (tagName is null ? "." : $", tagged {tagName}."),
                diff, message, GitTag: tagName);

        var headBefore = git.HeadSha ?? throw new InvalidOperationException("the branch has no commit yet.");
        var originalBytes = File.ReadAllBytes(target.ValuesFile);
        ValuesFile.Write(target.ValuesFile, edited, hasBom);
        string sha;
        try
        {
            sha = git.CommitFile(target.ValuesFile, message);
            if (tagName is not null) git.CreateAnnotatedTag(tagName, PromotionCommitMessage.Subject(change));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The commit or the tag failed: put the file, the index, the branch (and a half-made tag) back as we found them.
            AtomicFile.WriteAllBytes(target.ValuesFile, originalBytes);
            try
            {
                git.ResetTo(headBefore, tagName);
            }
            catch (Exception undo) when (undo is not OutOfMemoryException)
            {
                // Often the same cause (another git holds .git/index.lock): say exactly what is left to undo by hand.
                throw new InvalidOperationException($"{e.Message} {DisplayPath(target.ValuesFile)} is restored, but the index and HEAD could not be put back ({undo.Message}); "
                    + $"once nothing else uses the repository, run git reset --mixed {headBefore[..7]}{(tagName is null ? "" : $" and, if it exists, git tag -d {tagName}")}.", e);
            }
            throw new InvalidOperationException($"{e.Message} Nothing was changed: {DisplayPath(target.ValuesFile)}, the index and HEAD are as they were.", e);
        }
        var summary = $"{PromotionCommitMessage.Subject(change)} ({sha[..7]}";
        if (options.Push)
        {
            try
            {
                git.Push(tagName);
            }
            catch (GitPushException e)
            {
                return new PromotionResult(PromotionOutcome.PushFailed, PushFailedMessage(e, sha, tagName), diff, message, sha, tagName, [e.Detail]);
            }
        }
        return new PromotionResult(PromotionOutcome.Promoted,
            $"{summary}{(options.Push ? ", pushed" : "")})",
            diff, message, sha, tagName);
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

    private string RenderedDiff(PromotionTarget target, string editedCopy, string original, string edited)
    {
        var label = $"{target.App} ({target.Environment})";
        return render is null
            ? UnifiedDiff.Format(original, edited, $"{DisplayPath(target.ValuesFile)} (before)", $"{DisplayPath(target.ValuesFile)} (after)")
            : UnifiedDiff.Format(render(target, target.ValuesFile), render(target, editedCopy), $"{label} rendered before", $"{label} rendered after");
    }

    private string? CurrentTag(PromotionTarget target)
    {
        if (!File.Exists(target.ValuesFile))
            throw new YamlEditException(DisplayPath(target.ValuesFile), 1,
                $"does not exist, but the Application for {target.App} in {target.Environment} lists it as a value file.");
        return target.TagPathOr(tagPath) is { } path ? ValuesFile.GetScalar(target.ValuesFile, path)?.Value : null;
    }

    private static ValidationOutcome Guarded(Func<ValidationOutcome> validation)
    {
        try { return validation(); }
        catch (Exception e) when (e is not OutOfMemoryException) { return ValidationOutcome.Failure(e.Message); }
    }

    private string DisplayPath(string file) => IO.RepoPath.Relative(git.Root, file);

    private static PromotionResult Refused(string reason) => new(PromotionOutcome.Refused, reason);
}
