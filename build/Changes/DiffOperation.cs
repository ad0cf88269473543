using GitOps.Build.Git;
using System.Text.RegularExpressions;
using Cake.Core.Diagnostics;
using GitOps.Build.Primitives;

namespace GitOps.Build.Changes;

/// <summary>
/// Diff: the Applications a change touches (see <see cref="TouchedUnits"/>) rendered at the base
/// revision and in the working tree, compared object by object, with the Applications' own changes
/// (see <see cref="ChangeDiff"/>); what it found is said on the log, one line per Application and unit.
/// Writing the reports is the caller's (Reporting).
/// </summary>
public sealed class DiffOperation(BaseSides sides, ICakeLog log)
{
    public async Task<ChangeDiffResult> RunAsync(GitRevisions.Revision revision, Regex? ignore, int parallel, CancellationToken cancellation = default)
    {
        var head = sides.Head;
        using var side = await sides.TakeAsync(revision);
        if (side.Problem is { } problem) log.Warn(problem);
        var touched = TouchedUnits.Find(side.Model, head.Model, side.Compare(head.Root));
        log.Say($"diff against {revision.Label} ({revision.Sha[..12]}): {touched.Count} of {head.Model.Units.Count} units touched");

        var result = await ChangeDiff.BuildAsync(revision, touched, side.Model, side.Session?.Renderer, head.Model, head.Renderer, ignore, parallel, cancellation);
        foreach (var app in result.Diff.Applications)
            log.Say($"diff Application/{app.Application}: {app.Change.ToString().ToLowerInvariant()}{(app.Fields.Count > 0 ? ", " + string.Join(", ", app.Fields.Select(f => f.Field)) : "")}");
        foreach (var unit in result.Diff.Differing)
            log.Say($"diff {unit.Id}: {unit.Touched.Change.ToString().ToLowerInvariant()}, {unit.Added} added, {unit.Changed} changed, {unit.Removed} removed (+{unit.LinesAdded} −{unit.LinesRemoved})");
        return result;
    }
}
