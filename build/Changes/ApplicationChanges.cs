using System.Text.Json.Nodes;
using GitOps.Build.GitOps;

namespace GitOps.Build.Changes;

/// <summary>One field of an Application that a change sets differently (null: absent on that side).</summary>
public sealed record FieldChange(string Field, string? Before, string? After);

/// <summary>
/// An Application's own change: where it deploys, under which project, how it syncs, which
/// revision or chart version it takes. <see cref="Fields"/> names those that differ;
/// <see cref="Manifest"/> is the whole manifest's diff (nothing else of it is hidden).
/// </summary>
public sealed record ApplicationChange(string Application, UnitChange Change, string? Environment, IReadOnlyList<FieldChange> Fields, ResourceChange Manifest);

/// <summary>
/// The Applications a change alters as objects, compared by key (the name; see ArgoApplication.Key) between the two models (generated
/// ones as their ApplicationSet generates them), whatever they render: moving an Application to
/// another cluster or project, switching on automated sync or bumping a remote chart's version
/// changes what Argo CD does even when the rendered objects stay the same, or cannot be rendered
/// here at all.
/// </summary>
public static class ApplicationChanges
{
    public static IReadOnlyList<ApplicationChange> Find(RepositoryModel? before, RepositoryModel after)
    {
        var old = (before?.Applications ?? []).ToDictionary(a => a.Key, StringComparer.Ordinal);
        var @new = after.Applications.ToDictionary(a => a.Key, StringComparer.Ordinal);
        var changes = new List<ApplicationChange>();
        foreach (var name in old.Keys.Union(@new.Keys).Order(StringComparer.Ordinal))
        {
            var (b, a) = (old.GetValueOrDefault(name), @new.GetValueOrDefault(name));
            if (b != null && a != null && JsonNode.DeepEquals(b.Manifest.Body, a.Manifest.Body)) continue;
            var manifest = ResourceDiff.Compare(b is null ? [] : [b.Manifest], a is null ? [] : [a.Manifest]);
            if (manifest.Count == 0) continue;
            var environment = a != null ? after.EnvironmentOf(a) : before!.EnvironmentOf(b!);
            var beforeFields = Fields(b, before).ToDictionary(f => f.Field, f => f.Value);
            var afterFields = Fields(a, after).ToDictionary(f => f.Field, f => f.Value);
            var differing = beforeFields.Keys.Union(afterFields.Keys)
                .Select(k => new FieldChange(k, beforeFields.GetValueOrDefault(k), afterFields.GetValueOrDefault(k)))
                .Where(f => f.Before != f.After).ToList();
            changes.Add(new ApplicationChange(name, b is null ? UnitChange.Added : a is null ? UnitChange.Removed : UnitChange.Changed, environment, differing, manifest[0]));
        }
        return changes;
    }

    /// <summary>The fields a reviewer decides on, as text, in a fixed order; sources by their place (source, sources[1]).</summary>
    private static IEnumerable<(string Field, string? Value)> Fields(ArgoApplication? app, RepositoryModel? model)
    {
        if (app is null || model is null) yield break;
        yield return ("project", app.Project);
        yield return ("environment", model.EnvironmentOf(app));
        yield return ("destination.server", app.DestinationServer);
        yield return ("destination.name", app.DestinationName);
        yield return ("destination.namespace", app.DestinationNamespace);
        var sync = app.SyncPolicy;
        yield return ("syncPolicy", !sync.Automated ? "manual" :
            "automated" + (sync.Prune || sync.SelfHeal ? $" ({string.Join(", ", new[] { sync.Prune ? "prune" : null, sync.SelfHeal ? "selfHeal" : null }.OfType<string>())})" : ""));
        foreach (var source in app.Sources)
        {
            var prefix = source.Pointer == "/spec/source" ? "source" : $"sources[{source.Pointer[(source.Pointer.LastIndexOf('/') + 1)..]}]";
            yield return ($"{prefix}.repoURL", source.RepoUrl);
            if (source.Chart != null) yield return ($"{prefix}.chart", source.Chart);
            if (source.Path != null) yield return ($"{prefix}.path", source.Path);
            yield return ($"{prefix}.targetRevision", source.TargetRevision);
        }
    }
}
