using GitOps.Build.Git;
using System.Text.RegularExpressions;
using GitOps.Build.Checks.Runner;
using GitOps.Build.GitOps;
using GitOps.Build.Pipeline;

namespace GitOps.Build.Changes;

/// <summary>The diff, and the working tree's render outcomes: a unit the change leaves unrenderable is the run's finding.</summary>
public sealed record ChangeDiffResult(DiffResult Diff, IReadOnlyList<UnitOutcome> HeadOutcomes);

/// <summary>
/// What Diff computes once the units a change touches are known: each rendered at the base revision
/// and in the working tree (both sides in one parallel batch; directory units compared as the
/// loader read them), object by object; the Applications the change alters as objects; and the
/// working tree's load problems, which are the change's own (an Application that is not read shows
/// only as removed objects otherwise).
/// </summary>
public static class ChangeDiff
{
    public static async Task<ChangeDiffResult> BuildAsync(GitRevisions.Revision revision, IReadOnlyList<TouchedUnit> touched,
        RepositoryModel? baseModel, IRenderer? baseRenderer, RepositoryModel head, IRenderer headRenderer,
        Regex? ignore, int parallel, CancellationToken cancellationToken = default)
    {
        var jobs = touched.Where(t => t.Head is { Kind: not SourceKind.Directory }).Select(t => (t.Id, Head: true, Unit: t.Head!, Renderer: headRenderer))
            .Concat(baseRenderer is null ? [] : touched.Where(t => t.Base is { Kind: not SourceKind.Directory }).Select(t => (t.Id, Head: false, Unit: t.Base!, Renderer: baseRenderer)))
            .ToList();
        // Both sides in one batch: a one-Application change renders its two sides at once, not one after the other.
        var results = await RenderBatch.RunAsync(jobs, parallel, job => job.Renderer.Render(job.Unit), cancellationToken);
        var after = jobs.Zip(results).Where(p => p.First.Head).ToDictionary(p => p.First.Id, p => p.Second);
        var before = jobs.Zip(results).Where(p => !p.First.Head).ToDictionary(p => p.First.Id, p => p.Second);

        var units = touched.Select(t =>
        {
            if (t.Unit.Kind == SourceKind.Directory)
            {
                var (old, @new) = (t.Base is null ? [] : TouchedUnits.DirectoryObjects(baseModel!, t.Base), t.Head is null ? [] : TouchedUnits.DirectoryObjects(head, t.Head));
                return new UnitDiff(t, ResourceDiff.Compare(old, @new, ignore));
            }
            var (b, a) = (before.GetValueOrDefault(t.Id), after.GetValueOrDefault(t.Id));
            var note = string.Join(" ", new[] { NotRendered("the base revision", b), NotRendered("the working tree", a) }.OfType<string>());
            return new UnitDiff(t, ResourceDiff.Compare(b?.Objects ?? [], a?.Objects ?? [], ignore), note.Length > 0 ? note : null);
        }).ToList();
        var diff = new DiffResult(revision.Label, revision.Sha, units)
        {
            Applications = ApplicationChanges.Find(baseModel, head),
            Problems = CheckRunner.LoadProblems(head),
        };
        return new ChangeDiffResult(diff, after.Values.Select(r => r.Outcome).ToList());
    }

    // Findings carry the detail (redacted helm output); the note says only that the side is empty and why in one phrase.
    private static string? NotRendered(string side, RenderResult? result) =>
        result is null || result.Objects is not null ? null : $"{side} does not render this unit ({result.Outcome.StatusText}); its objects are shown as none.";
}
