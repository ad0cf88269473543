using System.Text.Json.Nodes;
using GitOps.Build.GitOps;
using GitOps.Build.Pipeline;

namespace GitOps.Build.Changes;

public enum UnitChange { Added, Removed, Changed }

/// <summary>A render unit a change touches, with its unit on each side (null on the side it is missing from) and why.</summary>
public sealed record TouchedUnit(string Id, UnitChange Change, RenderUnit? Base, RenderUnit? Head, IReadOnlyList<string> Reasons)
{
    /// <summary>The unit on the side that has it (head first), for its Application's name and environment.</summary>
    public RenderUnit Unit => Head ?? Base!;
}

/// <summary>
/// Which render units a change touches, from the model of each side (the same entry points,
/// each read from its own root). Units are matched by <see cref="RenderUnit.Id"/>; one on one side
/// only is added or removed (those an ApplicationSet generates included). A unit on both sides is
/// touched when a file it reads (<see cref="RenderUnit.Inputs"/> of either side, so a file added to
/// a chart counts) has other content, or when its Application differs as an object: for an
/// Application in Git that is its manifest, for a generated one what its ApplicationSet generated,
/// so a change to the ApplicationSet or to the files its generators read touches exactly the
/// Applications whose generated spec it changes. A shared chart's change touches every unit using it.
/// An Application's directory sources count as one unit whose manifests are compared as read.
/// </summary>
public static class TouchedUnits
{
    /// <summary>The names of the Applications a change touches in the working tree: through a unit they render, or as objects.</summary>
    public static IReadOnlySet<string> Applications(DiffResult diff) =>
        diff.Units.Select(u => u.Touched.Head?.Application.Name).OfType<string>().Concat(diff.Applications.Select(a => a.Application))
            .ToHashSet(StringComparer.Ordinal);

    public static IReadOnlyList<TouchedUnit> Find(RepositoryModel? before, RepositoryModel after, ChangedFiles files)
    {
        var baseUnits = (before is null ? [] : before.Units).ToDictionary(u => u.Id, StringComparer.Ordinal);
        var headUnits = after.Units.ToDictionary(u => u.Id, StringComparer.Ordinal);
        var touched = new List<TouchedUnit>();
        foreach (var (id, head) in headUnits)
        {
            if (!baseUnits.TryGetValue(id, out var old))
            {
                touched.Add(new TouchedUnit(id, UnitChange.Added, null, head, ["added"]));
                continue;
            }
            var reasons = Reasons(before!, old, after, head, files);
            if (reasons.Count > 0) touched.Add(new TouchedUnit(id, UnitChange.Changed, old, head, reasons));
        }
        touched.AddRange(baseUnits.Where(kv => !headUnits.ContainsKey(kv.Key))
            .Select(kv => new TouchedUnit(kv.Key, UnitChange.Removed, kv.Value, null, ["removed"])));
        return touched.OrderBy(t => t.Unit.Name, StringComparer.Ordinal).ThenBy(t => t.Id, StringComparer.Ordinal).ToList();
    }

    /// <summary>The plain manifests a directory unit deploys (what the loader read; nothing is rendered).</summary>
    public static IReadOnlyList<Manifests.ManifestObject> DirectoryObjects(RepositoryModel model, RenderUnit unit) =>
        model.DirectoryObjects.GetValueOrDefault(unit.Application.Key) ?? [];

    private static List<string> Reasons(RepositoryModel before, RenderUnit old, RepositoryModel after, RenderUnit head, ChangedFiles files)
    {
        var reasons = new List<string>();
        if (head.Kind == SourceKind.Directory && ResourceDiff.Compare(DirectoryObjects(before, old), DirectoryObjects(after, head)).Count > 0)
            reasons.Add("the manifests its directory source deploys changed");
        if (!JsonNode.DeepEquals(old.Application.Manifest.Body, head.Application.Manifest.Body))
            reasons.Add(head.Application.GeneratedBy is { } set ? $"ApplicationSet/{set.Name} generates it differently" : "its Application changed");
        var inputs = old.Inputs.Select(before.Relative).Concat(head.Inputs.Select(after.Relative)).Distinct(StringComparer.Ordinal);
        reasons.AddRange(inputs.Where(files.Differs).Order(StringComparer.Ordinal));
        return reasons;
    }
}
