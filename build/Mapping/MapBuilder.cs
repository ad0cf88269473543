using GitOps.Build.GitOps;

namespace GitOps.Build.Mapping;

/// <summary>
/// Builds the map from the repository model: each root (an Application or ApplicationSet nothing in
/// the repository deploys), the ApplicationSets and Applications it deploys, an edge from whatever
/// holds, renders or generates an object to it; Applications grouped by environment (by cluster when
/// none has an environment), marked manual sync, held and not rendered; an ApplicationSet with more
/// Applications than <see cref="MapOptions.FoldAbove"/> folded into one node unless expanded.
/// Node and group ids are generated in drawing order (a depth-first walk from the roots, by name).
/// </summary>
public static class MapBuilder
{
    public static MapGraph Build(RepositoryModel model, IReadOnlyDictionary<string, RenderedApplication> rendered, PromotionPipeline? pipeline, MapOptions options)
    {
        var labels = new NodeLabels(model, rendered);
        var tree = new DeployTree(model);
        var shown = Shown(model, labels, tree, options);
        var shownApps = model.Applications.Where(shown.Contains).ToList();

        // Grouped by environment when the Applications have one, else by cluster when they go to several.
        var clusters = shownApps.Select(Cluster).Distinct(StringComparer.Ordinal).Count();
        var groupedBy = shownApps.Any(a => model.EnvironmentOf(a) is not null) ? "environment" : clusters > 1 ? "cluster" : "";
        string? KeyOf(ArgoApplication a) => groupedBy switch { "environment" => model.EnvironmentOf(a), "cluster" => Cluster(a), _ => null };
        var showCluster = groupedBy == "environment" && clusters > 1;

        MapMarks MarksOf(ArgoApplication a) =>
            (a.SyncPolicy.Automated ? MapMarks.None : MapMarks.ManualSync)
            | (rendered.TryGetValue(a.Name, out var r) && r.NotRendered ? MapMarks.NotRendered : MapMarks.None)
            | (pipeline?.IsHeld(labels.AppOf(a), model.EnvironmentOf(a)) == true ? MapMarks.Held : MapMarks.None);

        // Depth-first from the roots: the drawing order, and which Applications a fold swallows.
        var children = shown.Where(i => tree.ParentOf(i) is { } p && shown.Contains(p))
            .ToLookup(i => tree.ParentOf(i)!, ReferenceEqualityComparer.Instance);
        var order = new List<object>();
        var foldedInto = new Dictionary<object, Fold>(ReferenceEqualityComparer.Instance);
        var visited = new HashSet<object>(ReferenceEqualityComparer.Instance);
        void Visit(object item)
        {
            if (!visited.Add(item)) return;
            order.Add(item);
            var kids = children[item].OrderBy(NameOf, StringComparer.Ordinal).ToList();
            var apps = kids.OfType<ArgoApplication>().ToList();
            if (item is LoadedApplicationSet set && !options.Expand && apps.Count > options.FoldAbove)
            {
                var fold = new Fold(set, apps);
                order.Add(fold);
                foreach (var app in apps) { visited.Add(app); foldedInto[app] = fold; }
                foreach (var grandchild in apps.SelectMany(a => children[a]).OrderBy(NameOf, StringComparer.Ordinal)) Visit(grandchild);
                kids = kids.Except(apps).ToList();
            }
            foreach (var kid in kids) Visit(kid);
        }
        var items = model.ApplicationSets.Cast<object>().Concat(model.Applications).Where(shown.Contains).ToList();
        foreach (var root in items.Where(i => tree.ParentOf(i) is not { } p || !shown.Contains(p)).OrderBy(NameOf, StringComparer.Ordinal)) Visit(root);
        foreach (var rest in items) Visit(rest); // in a cycle of Applications deploying each other: drawn, with their edges

        // Groups: an Application's own key; an ApplicationSet's or a fold's when all it draws share one.
        var keys = new Dictionary<object, string?>(ReferenceEqualityComparer.Instance);
        string? GroupKey(object item)
        {
            if (keys.TryGetValue(item, out var known)) return known;
            keys[item] = null; // a cycle has no common key
            var key = item switch
            {
                ArgoApplication a => KeyOf(a),
                Fold f => Common(f.Applications.Select(KeyOf)),
                _ => Common(order.Where(i => ParentNode(i) == item).Select(GroupKey)),
            };
            return keys[item] = key;
        }
        object? ParentNode(object item) => item is Fold f ? f.Set : foldedInto.TryGetValue(item, out _) ? null
            : tree.ParentOf(item) is { } p && shown.Contains(p) ? (foldedInto.TryGetValue(p, out var pf) ? pf : p) : null;

        var groupKeys = order.Select(GroupKey).OfType<string>().Distinct(StringComparer.Ordinal)
            .OrderBy(k => groupedBy == "environment" && model.Environments.PromotionOrder.ToList().IndexOf(k) is var i and >= 0 ? i : int.MaxValue)
            .ThenBy(k => k, StringComparer.Ordinal).ToList();
        var groups = groupKeys.Select((k, i) => new MapGroup($"g{i + 1}", k)).ToList();
        var groupId = groups.ToDictionary(g => g.Title, g => g.Id, StringComparer.Ordinal);

        var ids = new Dictionary<object, string>(ReferenceEqualityComparer.Instance);
        var nodes = new List<MapNode>();
        foreach (var item in order.Where(i => !foldedInto.ContainsKey(i)))
        {
            var id = ids[item] = $"n{nodes.Count + 1}";
            var group = GroupKey(item) is { } key ? groupId[key] : null;
            var isRoot = ParentNode(item) is null && item is not Fold;
            nodes.Add(item switch
            {
                ArgoApplication a => new MapNode(id, MapNodeKind.Application, a.Name, labels.Application(a, MarksOf(a), showCluster ? Cluster(a) : null), MarksOf(a), group) { IsRoot = isRoot },
                LoadedApplicationSet s => new MapNode(id, MapNodeKind.ApplicationSet, s.Name, NodeLabels.ApplicationSet(s, s.Applications.Count(a => model.Applications.Contains(a))), MapMarks.None, group) { IsRoot = isRoot },
                Fold f => new MapNode(id, MapNodeKind.Folded, $"{f.Applications.Count} Applications", NodeLabels.Folded(f.Applications.Count, f.Applications.Select(MarksOf).ToList()),
                    f.Applications.Aggregate(MapMarks.None, (all, a) => all | MarksOf(a)), group) { Count = f.Applications.Count },
                _ => throw new InvalidOperationException("unknown map item"),
            });
        }
        // A folded Application's own children hang from its fold (ParentNode says so).
        var edges = order.Where(i => !foldedInto.ContainsKey(i))
            .Select(i => ParentNode(i) is { } p ? new MapEdge(ids[p], ids[i]) : null).OfType<MapEdge>()
            .Distinct().ToList();
        // Folds can hide every grouped Application: then nothing is grouped.
        return new MapGraph(nodes, edges, groups, groups.Count > 0 ? groupedBy : "");
    }

    /// <summary>The Applications the map draws (their units are what it renders): those the options select, and what deploys them.</summary>
    public static IReadOnlyList<ArgoApplication> Applications(RepositoryModel model, MapOptions options)
    {
        var shown = Shown(model, new NodeLabels(model, new Dictionary<string, RenderedApplication>()), new DeployTree(model), options);
        return model.Applications.Where(shown.Contains).ToList();
    }

    /// <summary>The Applications the options select, everything that deploys them, and (when nothing narrows the map) every ApplicationSet.</summary>
    private static HashSet<object> Shown(RepositoryModel model, NodeLabels labels, DeployTree tree, MapOptions options)
    {
        var shown = new HashSet<object>(ReferenceEqualityComparer.Instance);
        foreach (var app in model.Applications.Where(a => Selected(model, labels, a, options)))
        {
            for (object? item = app; item is not null && shown.Add(item); item = tree.ParentOf(item)) { }
        }
        if (options is { Only: null, Environment: null, App: null })
        {
            foreach (var set in model.ApplicationSets) shown.Add(set);
        }
        return shown;
    }

    private static bool Selected(RepositoryModel model, NodeLabels labels, ArgoApplication app, MapOptions options) =>
        (options.Only is null || options.Only.Contains(app.Name))
        && (options.Environment is null || string.Equals(model.EnvironmentOf(app), options.Environment, StringComparison.OrdinalIgnoreCase))
        && (options.App is null || string.Equals(labels.AppOf(app), options.App, StringComparison.OrdinalIgnoreCase));

    /// <summary>Where an Application deploys to: its destination's cluster name, else its server URL.</summary>
    private static string Cluster(ArgoApplication app) => app.DestinationName is { Length: > 0 } name ? name : app.DestinationServer ?? "(no destination)";

    private static string NameOf(object item) => item switch { ArgoApplication a => a.Name, LoadedApplicationSet s => s.Name, _ => "" };

    private static string? Common(IEnumerable<string?> keys)
    {
        var distinct = keys.Distinct(StringComparer.Ordinal).ToList();
        return distinct.Count == 1 ? distinct[0] : null;
    }

    /// <summary>The Applications of one ApplicationSet drawn as one node.</summary>
    private sealed record Fold(LoadedApplicationSet Set, IReadOnlyList<ArgoApplication> Applications);

    /// <summary>Who deploys whom in the model: an ApplicationSet generates its Applications; an Application holds or renders others.</summary>
    private sealed class DeployTree(RepositoryModel model)
    {
        private readonly Dictionary<ArgoApplication, LoadedApplicationSet> _generatedBy = model.ApplicationSets
            .SelectMany(s => s.Applications.Select(a => (App: a, Set: s)))
            .GroupBy(x => x.App, ReferenceEqualityComparer.Instance as IEqualityComparer<ArgoApplication>)
            .ToDictionary(g => g.Key, g => g.First().Set, ReferenceEqualityComparer.Instance as IEqualityComparer<ArgoApplication>);
        private readonly Dictionary<string, ArgoApplication> _byName = model.Applications.ToDictionary(a => a.Name, StringComparer.Ordinal);

        public object? ParentOf(object item) => item switch
        {
            ArgoApplication a when _generatedBy.TryGetValue(a, out var set) => set,
            ArgoApplication a => model.DeployedBy.TryGetValue(a.Name, out var parent) ? _byName.GetValueOrDefault(parent) : null,
            LoadedApplicationSet s => s.DeployedBy is { } parent ? _byName.GetValueOrDefault(parent) : null,
            _ => null,
        };
    }
}
