using GitOps.Build.Git;
using GitOps.Build.Yaml;

namespace GitOps.Build.Promotion;

/// <summary>
/// Runs a promotion end to end: refuse a dirty tree, plan, edit a copy of the target's values file,
/// validate that copy, show the rendered difference, and only then write the real file and commit it
/// (optionally tag and push). A refusal or failed validation leaves the file and history untouched.
/// </summary>
/// <param name="targets">Every app × environment and its values file (from the repository model).</param>
/// <param name="validate">Lints, renders and validates <c>target</c> with the given values file in place of its own.</param>
/// <param name="render">Renders <c>target</c> with the given values file in place of its own (for the diff); null to diff the values file itself.</param>
/// <param name="tagPath">Where the image tag lives in a values file.</param>
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
            PromotionDecision.Change change => Apply(change, appTargets[change.ToEnvironment], options),
            _ => throw new InvalidOperationException("Unknown promotion decision."),
        };
    }

    private PromotionResult Apply(PromotionDecision.Change change, PromotionTarget target, PromoteOptions options)
    {
        if (target.OverriddenBy is not null)
            return Refused($"{tagPath} of {change.App} in {change.ToEnvironment} is set by {target.OverriddenBy}, which wins over {DisplayPath(target.ValuesFile)}; remove it there so the values file decides the tag.");
        var (original, hasBom) = ValuesFile.Read(target.ValuesFile);
        var edited = YamlScalarEditor.SetScalar(original, tagPath, change.NewTag, DisplayPath(target.ValuesFile));
        var message = change.CommitMessage;
        var tagName = options.CreateGitTag ? $"{change.App}/{change.ToEnvironment}/{change.NewTag}" : null;

        string diff;
        using (var scratch = new ScratchValuesFile(target.ValuesFile, edited))
        {
            var outcome = Guarded(() => validate(target, scratch.Path));
            if (!outcome.Succeeded)
                return new PromotionResult(PromotionOutcome.ValidationFailed,
                    $"{change.App} in {change.ToEnvironment} does not validate with {tagPath}={change.NewTag}; nothing was written.",
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
                $"preview: would set {tagPath} to {change.NewTag} in {DisplayPath(target.ValuesFile)} and commit it" + (tagName is null ? "." : $", tagged {tagName}."),
                diff, message, GitTag: tagName);

        ValuesFile.Write(target.ValuesFile, edited, hasBom);
        string sha;
        try
        {
            sha = git.CommitFile(target.ValuesFile, message);
        }
        catch
        {
            ValuesFile.Write(target.ValuesFile, original, hasBom); // the commit failed: leave the tree as we found it
            throw;
        }
        if (tagName is not null) git.CreateAnnotatedTag(tagName, PromotionCommitMessage.Subject(change));
        if (options.Push) git.Push(tagName);
        return new PromotionResult(PromotionOutcome.Promoted,
            $"{PromotionCommitMessage.Subject(change)} ({sha[..7]}{(options.Push ? ", pushed" : "")})",
            diff, message, sha, tagName);
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
        return ValuesFile.GetScalar(target.ValuesFile, tagPath)?.Value;
    }

    private static ValidationOutcome Guarded(Func<ValidationOutcome> validation)
    {
        try { return validation(); }
        catch (Exception e) when (e is not OutOfMemoryException) { return ValidationOutcome.Failure(e.Message); }
    }

    private string DisplayPath(string file) => IO.RepoPath.Relative(git.Root, file);

    private static PromotionResult Refused(string reason) => new(PromotionOutcome.Refused, reason);
}
