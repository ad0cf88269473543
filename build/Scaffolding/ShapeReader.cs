using GitOps.Build.GitOps;
using GitOps.Build.Primitives;
using GitOps.Build.Yaml;

namespace GitOps.Build.Scaffolding;

/// <summary>
/// Learns how the repository lays out an app from what its model says about it, never from folder names it assumes:
/// which Application (an own file, list elements of an ApplicationSet, or one an ApplicationSet finds by itself) and
/// which render unit (a Helm chart with value files, a Kustomize overlay) each environment has, and which files are
/// the app's alone (per environment, or common to its environments) as opposed to shared with other apps.
/// Whatever it cannot read as one of those shapes is refused (exit 2), naming the files it looked at.
/// </summary>
public static class ShapeReader
{
    /// <summary>The apps deployed per environment (their units name an app and an environment), sorted.</summary>
    public static IReadOnlyList<string> DeployedApps(RepositoryModel model) =>
        model.Units.Where(u => u.App is not null && u.Environment is not null).Select(u => u.App!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    /// <summary>The environments in promotion order, then any other the units name, alphabetically.</summary>
    public static IReadOnlyList<string> Environments(RepositoryModel model)
    {
        var order = model.Environments.PromotionOrder;
        var named = model.Units.Select(u => u.Environment).OfType<string>().Concat(model.Environments.Environments.Select(e => e.Name)).Distinct(StringComparer.Ordinal);
        return order.Concat(named.Where(n => !order.Contains(n)).Order(StringComparer.Ordinal)).ToList();
    }

    /// <summary>The shape of <paramref name="app"/> in <paramref name="environments"/> (null: every environment it is in).</summary>
    /// <exception cref="InputException">The app is laid out in a way this cannot copy; the message names the files looked at.</exception>
    public static AppShape Read(RepositoryModel model, string app, IReadOnlyList<string>? environments = null)
    {
        var looked = new SortedSet<string>(StringComparer.Ordinal);
        var units = model.Units.Where(u => u.App == app && u.Environment is not null).ToList();
        var order = Environments(model);
        var inEnvironments = units.Select(u => u.Environment!).Distinct().OrderBy(e => order.ToList().IndexOf(e)).ToList();
        var wanted = environments ?? inEnvironments;
        foreach (var unit in units)
        {
            looked.Add(model.Relative(unit.Application.GeneratedBy?.File ?? unit.Application.Manifest.File));
            foreach (var input in unit.Inputs.Where(i => unit.ChartPath is null || !IO.RepoPath.IsUnder(unit.ChartPath, i))) looked.Add(model.Relative(input));
            if (unit.ChartPath is not null) looked.Add(model.Relative(unit.ChartPath) + "/");
        }
        InputException Unrecognised(string why) =>
            new($"cannot tell how to add an app the way {app} is laid out: {why}. Looked at: {(looked.Count > 0 ? string.Join(", ", looked) : "no file")}.");

        var slices = new List<(string Environment, RenderUnit Unit, ApplicationOrigin Origin)>();
        foreach (var environment in wanted)
        {
            var here = units.Where(u => u.Environment == environment).ToList();
            if (here.Count == 0) throw new InputException($"{app} has no Application in {environment}; it is in: {string.Join(", ", inEnvironments)}.");
            if (here.Count > 1)
                throw Unrecognised($"it has {here.Count} sources in {environment} ({string.Join(", ", here.Select(u => u.Id))}); only an app with one source per environment is copied");
            var unit = here[0];
            if (unit.Kind is not (SourceKind.Helm or SourceKind.Kustomize))
                throw Unrecognised($"its {environment} source is a {unit.Kind} source; Helm charts and Kustomize overlays are copied");
            slices.Add((environment, unit, Origin(model, unit.Application, app, environment, order, Unrecognised)));
        }
        var kinds = slices.Select(s => s.Unit.Kind).Distinct().ToList();
        if (kinds.Count > 1) throw Unrecognised("it is a Helm chart in some environments and a Kustomize overlay in others");

        var ownChart = OwnChart(model, slices.Select(s => s.Unit).ToList(), app);
        bool InChart(string file) => slices.Any(s => s.Unit.ChartPath is { } chart && IO.RepoPath.IsUnder(Path.GetFullPath(chart), file));
        var result = new List<EnvironmentSlice>();
        var common = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (environment, unit, origin) in slices)
        {
            var own = new List<string>();
            foreach (var input in unit.Inputs.Select(Path.GetFullPath).Where(i => !InChart(i)))
            {
                // Who uses the file: the app alone in one environment, the app in several, or other apps too.
                var by = model.Readers[input];
                if (by.Any(u => u.App != app)) continue; // shared with other apps: left as it is
                if (by.All(u => u.Environment == environment)) own.Add(input);
                else common.Add(input);
            }
            result.Add(new EnvironmentSlice(environment, unit, origin, own));
        }
        return new AppShape(app, kinds[0] == SourceKind.Helm ? SourceShape.Helm : SourceShape.Kustomize, result, common.ToList(), ownChart, looked.ToList());
    }

    /// <summary>
    /// Where an Application comes from: its own file (refused when the file holds other Applications too), list elements
    /// of the ApplicationSet that generated it naming the app (and this environment, where an element names one), or that
    /// ApplicationSet alone (it finds the app itself).
    /// </summary>
    private static ApplicationOrigin Origin(RepositoryModel model, ArgoApplication application, string app, string environment, IReadOnlyList<string> environments,
        Func<string, InputException> unrecognised)
    {
        if (application.GeneratedBy is not { } set)
        {
            var file = Path.GetFullPath(application.Manifest.File);
            var together = model.Applications.Count(a => a.GeneratedBy is null && Path.GetFullPath(a.Manifest.File) == file);
            if (together > 1) throw unrecognised($"{model.Relative(file)} holds {together} Applications; a new app gets files of its own");
            return new ApplicationOrigin.OwnFile(file);
        }
        var setFile = Path.GetFullPath(set.File);
        IReadOnlyList<YamlValue> values;
        try
        {
            values = YamlBlockEditor.Values(ValuesFile.Read(setFile).Text, model.Relative(setFile));
        }
        catch (YamlEditException e)
        {
            throw unrecognised($"the ApplicationSet {set.Name} cannot be edited in place ({e.Message})");
        }
        var token = new NameToken(app, app);
        var here = new NameToken(environment, environment);
        var elsewhere = environments.Where(e => e != environment).Select(e => new NameToken(e, e)).ToList();
        var elements = values.Where(v => token.In(v.Value)).Select(v => ElementOf(v.Path)).OfType<YamlPath>().Distinct()
            .Where(element =>
            {
                var inside = values.Where(v => element.Contains(v.Path)).Select(v => v.Value).ToList();
                return inside.Any(here.In) || !inside.Any(v => elsewhere.Any(e => e.In(v)));
            })
            .ToList();
        return elements.Count > 0
            ? new ApplicationOrigin.ListElements(setFile, set.Name, elements)
            : new ApplicationOrigin.Discovered(setFile, set.Name);
    }

    /// <summary>The list element a value of an ApplicationSet lies in (<c>spec.generators[..].list.elements[i]</c>, in a matrix too); null outside one.</summary>
    private static YamlPath? ElementOf(YamlPath value)
    {
        var segments = value.Segments;
        if (segments.Count < 2 || !Equals(segments[0], "spec") || !Equals(segments[1], "generators")) return null;
        for (var i = segments.Count - 2; i >= 1; i--)
        {
            if (Equals(segments[i], "elements") && Equals(segments[i - 1], "list") && segments[i + 1] is int) return value.Take(i + 2);
        }
        return null;
    }

    /// <summary>The app's own chart folder: a local chart its path names the app in, used by this app's units alone; null for a shared or remote chart.</summary>
    private static string? OwnChart(RepositoryModel model, IReadOnlyList<RenderUnit> units, string app)
    {
        var charts = units.Select(u => u.ChartPath).OfType<string>().Select(Path.GetFullPath).Distinct().ToList();
        if (charts.Count != 1) return null;
        var chart = charts[0];
        var usedByOthers = model.Units.Any(u => u.ChartPath is not null && Path.GetFullPath(u.ChartPath) == chart && u.App != app);
        return !usedByOthers && new NameToken(app, app).In(model.Relative(chart)) ? chart : null;
    }
}
