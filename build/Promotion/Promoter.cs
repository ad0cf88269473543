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
            return Refused(e);
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
            return Refused(e);
        }
    }

    private static PromotionResult Refused(PromotionRefusedException e) =>
        new(e.NeedsArgument ? PromotionOutcome.NeedsArgument : PromotionOutcome.Refused, e.Message, Problems: e.Problems.Count > 0 ? e.Problems : null);

    private PromotionResult PromoteOrThrow(PromoteOptions options)
    {
        var request = options.Request;
        RefuseDirtyTree();
        var appTargets = targets.Where(t => t.App == request.App).GroupBy(t => t.Environment, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var knownApps = targets.Select(t => t.App).Distinct().ToList();
        if (appTargets.Count == 0 || !appTargets.ContainsKey(request.ToEnvironment))
            return Decided(PromotionPlanner.Plan(request, catalog, knownApps, appTargets.Keys.ToDictionary(e => e, _ => (string?)null)));

        var source = request.Tag is null ? request.FromEnvironment ?? catalog.Previous(request.ToEnvironment) : null;
        var images = new Dictionary<string, IReadOnlyList<EnvironmentImage>>(StringComparer.Ordinal);
        var versions = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (env, envTargets) in appTargets)
        {
            try
            {
                // Every Application of the app there (one per region or cluster), by name: what they run together.
                var read = envTargets.OrderBy(t => t.Application, StringComparer.Ordinal).Select(t => Read(t, options.Image)).ToList();
                if (env == request.ToEnvironment) images[env] = read;
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
        var holds = PromotionHolds.Read(holdsFile, Display(holdsFile), git.Root);
        var hold = PromotionHolds.On(holds, change.App, change.ToEnvironment);
        if (hold is not null && !request.Force)
            throw new PromotionRefusedException($"{hold.Describe}; Promote does not move a held app. Promote with --force to move it and lift the hold in the same commit, "
                + $"or remove the hold from {Display(holdsFile)}. Nothing was changed.");

        var into = images[change.ToEnvironment];
        var moving = Moving(into, change.NewTag);
        var edit = new PlannedChange(moving, change.NewTag,
            $"promote/{change.App}/{change.ToEnvironment}/{BranchPart(change.NewTag)}",
            PromotionCommitMessage.Subject(change), PromotionCommitMessage.For(change, hold, Applications(moving)),
            options.CreateGitTag ? $"{change.App}/{change.ToEnvironment}/{change.NewTag}" : null,
            hold is null ? null : PromotionHolds.Write(holds.Where(h => h != hold)),
            [.. Disagreement(into, change.NewTag), .. hold is null ? Array.Empty<string>() : [$"Lifts the hold: {hold.Describe}."]]);
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
        // Every Application of the app there (one per region or cluster) goes back together.
        var images = here.OrderBy(t => t.Application, StringComparer.Ordinal).Select(t => Read(t, request.Image)).ToList();
        var versions = images.SelectMany(i => i.Versions).Distinct().ToList();
        var current = string.Join(" and ", versions);
        string to;
        if (request.To is { } given)
        {
            if (!ImageTagRules.TryParseVersion(given, out _, out _))
                throw new PromotionRefusedException($"'{given}' is not an image version; give {ImageTagRules.Forms}.");
            to = given;
        }
        else
        {
            to = PreviousOfAll(images, request, current);
        }
        if (to == current) return new PromotionResult(PromotionOutcome.AlreadyAt, $"{request.App} in {request.Environment} already runs {to}; there is nothing to roll back.");
        if (catalog.IsImmutable(request.Environment) && !ImageTagRules.IsImmutable(to))
            throw new PromotionRefusedException($"{request.Environment} only takes immutable tags, {Manifests.ImageTags.AcceptedForms}; '{to}' can move. Roll back to a release tag instead.");

        var holds = PromotionHolds.Read(holdsFile, Display(holdsFile), git.Root);
        var by = git.Identity ?? throw new PromotionRefusedException("git has no author identity, so the hold would name nobody; set it with git config user.name \"...\" and git config user.email \"...\".");
        var hold = new PromotionHold(request.App, request.Environment, ImageTagRules.On(images[0].Repository, to).Text, by, (clock ?? TimeProvider.System).GetUtcNow(), request.Reason.Trim());
        var moving = Moving(images, to);
        var edit = new PlannedChange(moving, to, $"rollback/{request.App}/{request.Environment}/{BranchPart(to)}",
            PromotionCommitMessage.RollbackSubject(request.App, request.Environment, current, to),
            PromotionCommitMessage.Rollback(request.App, request.Environment, current, to, hold, Applications(moving)), null,
            PromotionHolds.Write(holds.Where(h => !(h.App == hold.App && h.Environment == hold.Environment)).Append(hold)),
            [.. Disagreement(images, to), $"Holds {request.App} in {request.Environment} at {hold.Reference}: Promote refuses to move it until the hold is lifted (Promote --force)."]);
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

        var proof = ImageEditProof.Prove(change.Images, change.Version, renderer, Display);
        var files = proof.Files.ToList();
        if (change.Holds is not null)
        {
            var (original, bom) = File.Exists(holdsFile) ? ValuesFile.Read(holdsFile) : ("", false);
            files.Add(new EditedFile(holdsFile, original, change.Holds, bom));
        }
        var several = proof.Renderings.Count > 1;
        var outcomes = proof.Renderings.Select(r => (r.Target.Application, Outcome: Guarded(() => renderer.Validate(r.Target, proof.TextsFor(r.Target))))).ToList();
        // With several Applications each problem says whose it is.
        IReadOnlyList<string> Each(Func<ValidationOutcome, IReadOnlyList<string>> list) =>
            outcomes.SelectMany(o => list(o.Outcome).Select(p => several ? $"{o.Application}: {p}" : p)).ToList();
        if (outcomes.Any(o => !o.Outcome.Succeeded))
            return new PromotionResult(PromotionOutcome.ValidationFailed,
                $"{change.App} in {change.Environment}{(several ? $" ({string.Join(", ", outcomes.Where(o => !o.Outcome.Succeeded).Select(o => o.Application))})" : "")} does not validate at {change.Version}; nothing was written.",
                Problems: Each(o => o.Problems));
        var result = _delivery.Deliver(change with { Files = files, Proof = proof }, preview, push, pullRequest, Display);
        return result with { Standing = Each(o => o.Standing), Notes = change.Notes };
    }

    /// <summary>
    /// The Applications that do not run <paramref name="version"/> yet, each seeing the files only they build as its own
    /// (<see cref="PromotionTargets.MovedWith"/>): they are moved, and proven, together.
    /// </summary>
    private static IReadOnlyList<EnvironmentImage> Moving(IReadOnlyList<EnvironmentImage> images, string version)
    {
        var moving = images.Where(i => i.Version != version).ToList();
        var together = moving.Select(i => i.Target).ToList();
        return moving.Select(i => i with { Target = PromotionTargets.MovedWith(i.Target, together) }).ToList();
    }

    /// <summary>The Applications' names when the app has several in the environment (a commit trailer); empty for one.</summary>
    private static IReadOnlyList<string> Applications(IReadOnlyList<EnvironmentImage> images) =>
        images.Count > 1 ? images.Select(i => i.Target.Application).ToList() : [];

    /// <summary>What each Application ran, when they ran different versions: said, as they all move to <paramref name="version"/> anyway.</summary>
    private static IEnumerable<string> Disagreement(IReadOnlyList<EnvironmentImage> images, string version)
    {
        if (images.Count < 2 || images.Select(i => i.Version ?? string.Join(" and ", i.Versions)).Distinct().Count() < 2) yield break;
        yield return $"The Applications of {images[0].Target.App} in {images[0].Target.Environment} ran different versions ("
            + string.Join(", ", images.Select(i => $"{i.Target.Application} {i.Version ?? string.Join(" and ", i.Versions)}")) + $"); all of them move to {version}.";
    }

    /// <summary>The version before the current one, from each Application's history; refused (exit 2) when they do not name the same.</summary>
    private string PreviousOfAll(IReadOnlyList<EnvironmentImage> images, RollbackRequest request, string current)
    {
        var previous = images.Select(i => (i.Target.Application, Version: PromotionHistory.Previous(git, i)?.Version)).ToList();
        if (previous.Any(p => p.Version is null))
            throw new PromotionRefusedException($"the git history of {request.App} in {request.Environment}"
                + (images.Count > 1 ? $" (Application {string.Join(", ", previous.Where(p => p.Version is null).Select(p => p.Application))})" : "")
                + $" has no version before {current}; give the one to go back to with --to=<tag>.");
        if (previous.Select(p => p.Version).Distinct().Count() > 1)
            throw new PromotionRefusedException(
                $"the Applications of {request.App} in {request.Environment} ran different versions before this one ({string.Join(", ", previous.Select(p => $"{p.Application} {p.Version}"))}), "
                + "so there is no one version to go back to; give it with --to=<tag>. Nothing was changed.") { NeedsArgument = true };
        return previous[0].Version!;
    }

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
/// <param name="Images">Every Application of the app in the environment that moves (one per region or cluster), as it renders now.</param>
internal sealed record PlannedChange(IReadOnlyList<EnvironmentImage> Images, string Version, string Branch, string Subject, string Message,
    string? GitTag, string? Holds, IReadOnlyList<string> Notes)
{
    public string App => Images[0].Target.App;
    public string Environment => Images[0].Target.Environment;

    public IReadOnlyList<EditedFile> Files { get; init; } = [];
    public ProvenEdit? Proof { get; init; }
}
