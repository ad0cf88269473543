using GitOps.Build.Git;
using GitOps.Build.Yaml;

namespace GitOps.Build.Promotion;

/// <summary>
/// Runs a promotion or a rollback end to end: refuse a dirty tree; read what every environment of the app
/// renders (<see cref="EnvironmentImages"/>) and plan (<see cref="PromotionPlanner"/>); refuse moving a held app
/// (unless forced, which lifts the hold in the same commit) and what git would not do; find and prove the edit
/// by rendering (<see cref="ImageEditProof"/>), validate it; show the rendered difference; and only then deliver
/// it (<see cref="ChangeDelivery"/>: commit here, optionally tag and push, or commit on a new branch and open a
/// pull request). A refusal or failed validation leaves every file and the history untouched.
/// </summary>
/// <param name="holdsFile">The holds file, absolute (promotion.holds, default promotion-holds.yaml at the root).</param>
public sealed class Promoter(
    IGitWorkingTree git,
    EnvironmentCatalog catalog,
    IReadOnlyList<PromotionTarget> targets,
    IPromotionRenderer renderer,
    string holdsFile,
    TimeProvider? clock = null)
{
    private readonly ChangeDelivery _delivery = new(git);

    public PromotionResult Promote(PromoteOptions options)
    {
        try
        {
            return PromoteOrThrow(options);
        }
        catch (PromotionRefusedException e)
        {
            return new PromotionResult(PromotionOutcome.Refused, e.Message, Problems: e.Problems.Count > 0 ? e.Problems : null);
        }
    }

    public PromotionResult Rollback(RollbackRequest request)
    {
        try
        {
            return RollbackOrThrow(request);
        }
        catch (PromotionRefusedException e)
        {
            return new PromotionResult(PromotionOutcome.Refused, e.Message, Problems: e.Problems.Count > 0 ? e.Problems : null);
        }
    }

    private PromotionResult PromoteOrThrow(PromoteOptions options)
    {
        var request = options.Request;
        RefuseDirtyTree();
        var appTargets = targets.Where(t => t.App == request.App).GroupBy(t => t.Environment, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var knownApps = targets.Select(t => t.App).Distinct().ToList();
        if (appTargets.Count == 0 || !appTargets.ContainsKey(request.ToEnvironment))
            return Decided(PromotionPlanner.Plan(request, catalog, knownApps, appTargets.Keys.ToDictionary(e => e, _ => (string?)null)));

        var into = Single(appTargets[request.ToEnvironment]);
        var source = request.Tag is null ? request.FromEnvironment ?? catalog.Previous(request.ToEnvironment) : null;
        var images = new Dictionary<string, EnvironmentImage>(StringComparer.Ordinal);
        var versions = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (env, envTargets) in appTargets)
        {
            try
            {
                // Every Application of the app there (one per region or cluster): what they run together.
                var read = envTargets.Select(t => Read(t, options.Image)).ToList();
                if (env == request.ToEnvironment) images[env] = read[0];
                var all = read.SelectMany(i => i.Versions).Distinct().ToList();
                versions[env] = all.Count == 1 ? all[0] : string.Join(" and ", all);
                if (env == source && all.Count > 1)
                    throw new PromotionRefusedException($"{request.App}'s workloads in {env} run different versions ({string.Join(", ", all)}), so there is no one version to take from it; give it with --tag=<tag>.");
            }
            catch (PromotionRefusedException) when (env != request.ToEnvironment && env != source)
            {
                versions[env] = null; // an environment neither promoted from nor into: the order check sees no version there
            }
        }

        var decision = PromotionPlanner.Plan(request, catalog, knownApps, versions);
        if (decision is not PromotionDecision.SetTag change) return Decided(decision);
        var holds = PromotionHolds.Read(holdsFile, Display(holdsFile));
        var hold = PromotionHolds.On(holds, change.App, change.ToEnvironment);
        if (hold is not null && !request.Force)
            throw new PromotionRefusedException($"{hold.Describe}; Promote does not move a held app. Promote with --force to move it and lift the hold in the same commit, "
                + $"or remove the hold from {Display(holdsFile)}. Nothing was changed.");

        var edit = new PlannedChange(into, images[change.ToEnvironment], change.NewTag,
            $"promote/{change.App}/{change.ToEnvironment}/{BranchPart(change.NewTag)}",
            PromotionCommitMessage.Subject(change), PromotionCommitMessage.For(change, hold),
            options.CreateGitTag ? $"{change.App}/{change.ToEnvironment}/{change.NewTag}" : null,
            hold is null ? null : PromotionHolds.Write(holds.Where(h => h != hold)),
            hold is null ? [] : [$"Lifts the hold: {hold.Describe}."]);
        return Deliver(edit, options.Preview, options.Push, options.PullRequest);
    }

    private PromotionResult RollbackOrThrow(RollbackRequest request)
    {
        RefuseDirtyTree();
        var here = targets.Where(t => t.App == request.App && t.Environment == request.Environment).ToList();
        if (here.Count == 0)
            throw new PromotionRefusedException(targets.Any(t => t.App == request.App)
                ? $"{request.App} is not deployed to {request.Environment}. It is deployed to: {string.Join(", ", targets.Where(t => t.App == request.App).Select(t => t.Environment).Distinct())}."
                : $"unknown app '{request.App}'. Apps: {string.Join(", ", targets.Select(t => t.App).Distinct().Order(StringComparer.Ordinal))}.");
        var target = Single(here);
        var image = Read(target, request.Image);
        var current = image.Version ?? string.Join(" and ", image.Versions);
        string to;
        if (request.To is { } given)
        {
            if (!ImageTagRules.TryParseVersion(given, out _, out _))
                throw new PromotionRefusedException($"'{given}' is not an image version; give {ImageTagRules.Forms}.");
            to = given;
        }
        else
        {
            to = PromotionHistory.Previous(git, image)?.Version
                ?? throw new PromotionRefusedException($"the git history of {request.App} in {request.Environment} has no version before {current}; give the one to go back to with --to=<tag>.");
        }
        if (to == current) return new PromotionResult(PromotionOutcome.AlreadyAt, $"{request.App} in {request.Environment} already runs {to}; there is nothing to roll back.");
        if (catalog.IsImmutable(request.Environment) && !ImageTagRules.IsImmutable(to))
            throw new PromotionRefusedException($"{request.Environment} only takes immutable tags, {Manifests.ImageTags.AcceptedForms}; '{to}' can move. Roll back to a release tag instead.");

        var holds = PromotionHolds.Read(holdsFile, Display(holdsFile));
        var by = git.Identity ?? throw new PromotionRefusedException("git has no author identity, so the hold would name nobody; set it with git config user.name \"...\" and git config user.email \"...\".");
        var hold = new PromotionHold(request.App, request.Environment, ImageTagRules.On(image.Repository, to).Text, by, (clock ?? TimeProvider.System).GetUtcNow(), request.Reason.Trim());
        var edit = new PlannedChange(target, image, to, $"rollback/{request.App}/{request.Environment}/{BranchPart(to)}",
            PromotionCommitMessage.RollbackSubject(request.App, request.Environment, current, to),
            PromotionCommitMessage.Rollback(request.App, request.Environment, current, to, hold), null,
            PromotionHolds.Write(holds.Where(h => !(h.App == hold.App && h.Environment == hold.Environment)).Append(hold)),
            [$"Holds {request.App} in {request.Environment} at {hold.Reference}: Promote refuses to move it until the hold is lifted (Promote --force)."]);
        return Deliver(edit, request.Preview, request.Push, request.PullRequest);
    }

    private PromotionResult Deliver(PlannedChange change, bool preview, bool push, PullRequestDelivery? pullRequest)
    {
        var problems = pullRequest is null ? git.ProblemsBeforeCommit(push && !preview, change.GitTag)
            : preview ? [] : git.ProblemsBeforePullRequest(pullRequest.Host.TokenForPush(git.RemoteUrl));
        if (problems.Count > 0)
            throw new PromotionRefusedException(problems.Count == 1 ? $"{problems[0]} Nothing was changed." : $"{problems.Count} problems with git (listed above). Nothing was changed.",
                problems.Count == 1 ? null : problems);
        if (pullRequest is not null && !preview && _delivery.OpenPullRequest(change.Branch, pullRequest) is { } open)
            return new PromotionResult(PromotionOutcome.PullRequestExists,
                $"{pullRequest.Host.Noun} #{open.Number} for this change is already open: {open.Url}; nothing else was done.") { PullRequestUrl = open.Url };

        var proof = ImageEditProof.Prove(change.Image, change.Version, renderer, Display);
        var files = proof.Files.ToList();
        if (change.Holds is not null)
        {
            var (original, bom) = File.Exists(holdsFile) ? ValuesFile.Read(holdsFile) : ("", false);
            files.Add(new EditedFile(holdsFile, original, change.Holds, bom));
        }
        var outcome = Guarded(() => renderer.Validate(change.Target, proof.Texts));
        if (!outcome.Succeeded)
            return new PromotionResult(PromotionOutcome.ValidationFailed,
                $"{change.Target.App} in {change.Target.Environment} does not validate at {change.Version}; nothing was written.", Problems: outcome.Problems);
        var result = _delivery.Deliver(change with { Files = files, Proof = proof }, preview, push, pullRequest, Display);
        return result with { Standing = outcome.Standing };
    }

    /// <summary>The one Application of the app in the environment; several (one per region or cluster) are not moved at once.</summary>
    private static PromotionTarget Single(IReadOnlyList<PromotionTarget> targets) =>
        targets.Count == 1 ? targets[0]
        : throw new PromotionRefusedException(
            $"{targets[0].App} has {targets.Count} Applications in {targets[0].Environment} ({string.Join(", ", targets.Select(t => t.Application))}); "
            + "Promote moves one Application's files at a time and cannot tell which is meant. Change each by hand, or give each region an environment of its own. Nothing was changed.");

    private EnvironmentImage Read(PromotionTarget target, string? image)
    {
        if (target.Refusal is not null) throw new PromotionRefusedException(target.Refusal + " Nothing was changed.");
        IReadOnlyList<Manifests.ManifestObject> rendered;
        try
        {
            rendered = renderer.Render(target, new Dictionary<string, string>());
        }
        catch (InvalidOperationException e)
        {
            throw new PromotionRefusedException($"{target.App} in {target.Environment} does not render as it is, so what it runs is unknown; fix that first. Nothing was changed.", [e.Message]);
        }
        return EnvironmentImages.Read(target, rendered, image);
    }

    private void RefuseDirtyTree()
    {
        var dirty = git.DirtyFiles();
        if (dirty.Count > 0)
            throw new PromotionRefusedException($"the working tree has uncommitted changes ({string.Join(", ", dirty)}); commit or stash them first, so the promotion commit holds only the promotion.");
    }

    private static PromotionResult Decided(PromotionDecision decision) => decision switch
    {
        PromotionDecision.Refused r => new PromotionResult(PromotionOutcome.Refused, r.Reason),
        PromotionDecision.AlreadyAt a => new PromotionResult(PromotionOutcome.AlreadyAt, a.ToString()),
        _ => throw new InvalidOperationException("Unknown promotion decision."),
    };

    /// <summary>A version as a branch name segment: git refuses ':' and "@{" in ref names, a digest is cut to 12 hex characters.</summary>
    private static string BranchPart(string version)
    {
        var (tag, digest) = ImageTagRules.TryParseVersion(version, out var t, out var d) ? (t, d) : (version, null);
        var hex = digest?[(digest.IndexOf(':') + 1)..];
        var part = digest is null ? tag : tag.Length == 0 ? $"{digest[..digest.IndexOf(':')]}-{hex![..12]}" : $"{tag}-{hex![..12]}";
        return part.Trim('.').Replace("..", ".", StringComparison.Ordinal);
    }

    private static ValidationOutcome Guarded(Func<ValidationOutcome> validation)
    {
        try { return validation(); }
        catch (Exception e) when (e is not OutOfMemoryException) { return ValidationOutcome.Failure(e.Message); }
    }

    private string Display(string file) => IO.RepoPath.Relative(git.Root, file);
}

/// <summary>A promotion or rollback planned: where, to which version, how it is committed and named; what the holds file becomes.</summary>
/// <param name="Holds">The holds file's new text; null when the change does not touch it.</param>
/// <param name="Notes">What the change does besides the image, for the pull request's body.</param>
internal sealed record PlannedChange(PromotionTarget Target, EnvironmentImage Image, string Version, string Branch, string Subject, string Message,
    string? GitTag, string? Holds, IReadOnlyList<string> Notes)
{
    public IReadOnlyList<EditedFile> Files { get; init; } = [];
    public ProvenEdit? Proof { get; init; }
}
