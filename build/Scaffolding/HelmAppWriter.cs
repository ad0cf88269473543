using System.Text.RegularExpressions;
using GitOps.Build.GitOps;
using GitOps.Build.Manifests;
using GitOps.Build.Pipeline;
using GitOps.Build.Promotion;
using GitOps.Build.Primitives;
using GitOps.Build.Yaml;

namespace GitOps.Build.Scaffolding;

/// <summary>
/// NewApp for an app that Helm renders: its own chart (when it has one) copied under the new name, its value files
/// copied per environment (names renamed, its sealed values, Secret references and hostnames left out and named), the
/// new image set where the model app sets its own (found from what it renders), and its Applications copied.
/// A chart shared with other apps is used as it is.
/// </summary>
public static partial class HelmAppWriter
{
    public static void Plan(NewAppPlan plan)
    {
        var shape = plan.Shape;
        var token = plan.Token;
        var image = plan.Request.Image;
        var commonValues = shape.CommonFiles; // a Helm unit reads its chart (copied whole, or shared) and value files

        // Where the model app sets its image (and port), in every environment: from what each renders.
        var found = new Dictionary<string, (ModelImage Image, IReadOnlyList<int> Ports, string EnvFile, string? Tag)>();
        foreach (var slice in shape.Environments)
        {
            var unit = slice.Unit;
            var own = unit.ValueFiles.Where(v => v.Path is not null && slice.OwnFiles.Contains(Path.GetFullPath(v.Path))).Select(v => Path.GetFullPath(v.Path!)).ToList();
            if (own.Count == 0)
                throw new InputException($"{shape.App} has no values file of its own in {slice.Environment} (its Application {unit.Name} lists {Listed(plan, unit)}), so there is no file to set the new app's image in; give it one, or add the app by hand.");
            var searched = Enumerable.Reverse(own).Concat(Enumerable.Reverse(commonValues)).Concat(ChartValues(unit)).ToList();
            var objects = plan.Renderer.RenderOrThrow(unit).Objects;
            var containers = RenderedImages.Of(objects);
            var model = ModelImage.Find(containers, searched)
                ?? throw new InputException($"cannot find where {shape.App} sets its image in {slice.Environment}: it runs {string.Join(", ", containers.Select(c => c.Image.Text).Distinct())}, "
                    + $"and no value in {string.Join(", ", searched.Select(plan.Relative))} is that image or its tag.");
            var tag = image.TagFor(slice.Environment, model.Container.Image.Tag, shape.App);
            if (tag is null && model.Sites.All(s => s.Kind != ImageSiteKind.Reference))
                throw new InputException($"--image={image.Reference(null)} has no tag, and {shape.App}'s chart takes its image as repository and tag ({string.Join(", ", model.Sites.Select(s => s.Path))}); give --image=<repository>:<tag>@<digest>.");
            found[slice.Environment] = (model, ModelImage.Ports(objects), own[^1], tag);
            plan.ExpectedImages[slice.Environment] = image.Reference(tag);
        }

        var firstTag = found.Values.Select(f => f.Tag).FirstOrDefault(t => t is not null);
        if (shape.OwnChart is { } chart) CopyChart(plan, chart, firstTag);

        // Every file of the app's own, under its new name, without what belongs to the model app.
        foreach (var file in shape.Environments.SelectMany(s => s.OwnFiles).Concat(commonValues).Distinct())
        {
            var removed = new List<BorrowedValues.Removed>();
            // Left out before the renaming, so the note names the model app's own values.
            var stripped = BorrowedValues.Strip(Text(plan, file), plan.Relative(file), onlySealed: false, removed);
            plan.Changes.Add(Target(plan, file), Renamed(plan, stripped, file));
            var environment = shape.Environments.FirstOrDefault(s => s.OwnFiles.Contains(file))?.Environment;
            plan.ToFillIn.AddRange(BorrowedValues.Describe(Target(plan, file), plan.Token.From, plan.Token.To, SealCommand(plan.Token.To, environment), removed));
        }

        foreach (var slice in shape.Environments)
        {
            var (model, ports, envFile, tag) = found[slice.Environment];
            var env = Target(plan, envFile);
            // The version in each environment's own file; where the model app's copied files (its chart's defaults, a
            // common file) hold its release, the new app's goes there too.
            foreach (var site in model.Sites)
            {
                var value = site.Kind switch
                {
                    ImageSiteKind.Reference => image.Reference(tag),
                    ImageSiteKind.Digest => image.Digest ?? throw new InputException($"{plan.Relative(site.File)} pins {shape.App}'s image by digest ({site.Path}); give --image=<repository>:<tag>@<digest>."),
                    _ => image.TagValue(tag!),
                };
                Set(plan, env, site.Path, value);
                if (IsCopied(plan, site.File) && CopyOf(plan, site.File) != env) Set(plan, CopyOf(plan, site.File), site.Path, value);
            }
            // The repository where the model app has it, or in the environment's file when that is a chart other apps share.
            foreach (var (file, path) in model.Repositories)
                Set(plan, IsCopied(plan, file) ? CopyOf(plan, file) : env, path, image.Repository);
            if (plan.Request.Port is { } port)
            {
                var portSite = ports.Count == 0 ? null : ModelImage.PortSite(ports[0], ChartValues(slice.Unit).Concat(commonValues).Concat(slice.OwnFiles).ToList());
                if (portSite is not { } at) plan.ToFillIn.Add($"the port {port}: {shape.App}'s chart sets no port in a value; set it where the chart reads it");
                else Set(plan, IsCopied(plan, at.File) ? CopyOf(plan, at.File) : env, at.Path, port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        var keep = KeptValues(plan);
        var applications = new ApplicationCopies(plan.Model, plan.Changes, token);
        foreach (var slice in shape.Environments) applications.Plan(slice, keep, plan.Policy(slice.Environment));
    }

    /// <summary>The chart folder copied under the new name: Chart.yaml names the new app (version 0.1.0), the templates' named templates are renamed, the defaults keep no sealed value.</summary>
    private static void CopyChart(NewAppPlan plan, string chart, string? appVersion)
    {
        var token = plan.Token;
        foreach (var file in IO.FolderWalk.Reachable(plan.Model.Root, chart).Files.Select(Path.GetFullPath).Order(StringComparer.Ordinal))
        {
            var inChart = Path.GetRelativePath(chart, file).Replace('\\', '/');
            var target = Target(plan, file);
            var text = Text(plan, file);
            if (inChart == "Chart.yaml")
            {
                text = YamlScalarEditor.SetScalar(text, "name", token.To, target);
                text = YamlScalarEditor.SetScalar(text, "version", "0.1.0", target);
                if (appVersion is not null) text = YamlScalarEditor.SetScalar(text, "appVersion", appVersion, target);
                foreach (var key in new[] { "description", "keywords" }.Where(k => YamlBlockEditor.Exists(text, target, YamlPath.Of(k))))
                    text = YamlBlockEditor.Remove(text, target, YamlPath.Of(key));
                text = YamlScalarEditor.SetScalar(text, "description", $"{token.To}, from the chart of {token.From} (NewApp): say what it is", target);
            }
            else if (inChart == "values.yaml")
            {
                var removed = new List<BorrowedValues.Removed>();
                text = BorrowedValues.Strip(text, target, onlySealed: true, removed);
                plan.ToFillIn.AddRange(BorrowedValues.Describe(target, plan.Token.From, plan.Token.To, SealCommand(plan.Token.To, null), removed));
            }
            else if (inChart.StartsWith("templates/", StringComparison.Ordinal))
            {
                // The chart's named templates carry its name by convention ("app.fullname"): they follow the chart's new name.
                text = TemplateName().Replace(text, m => m.Groups["name"].Value == token.From ? m.Groups["call"].Value + token.To + "." : m.Value);
            }
            plan.Changes.Add(target, text);
        }
    }

    /// <summary>Values an Application copy leaves as written: the paths of what it shares with other apps (a chart, a value file).</summary>
    private static HashSet<string> KeptValues(NewAppPlan plan)
    {
        var keep = new HashSet<string>(StringComparer.Ordinal);
        foreach (var unit in plan.Shape.Environments.Select(s => s.Unit))
        {
            foreach (var value in unit.ValueFiles.Where(v => v.Path is null || !IsCopied(plan, Path.GetFullPath(v.Path)))) keep.Add(value.Declared);
            if (plan.Shape.OwnChart is null && unit.Application.Sources.FirstOrDefault(s => s.Pointer == unit.SourcePointer)?.Path is { } path) keep.Add(path);
        }
        return keep;
    }

    private static void Set(NewAppPlan plan, string relative, string dottedPath, string value) =>
        plan.Changes.Edit(relative, text => YamlScalarEditor.SetScalar(text, dottedPath, value, relative));

    /// <summary>True when the new app gets its own copy of the file (its own, common or chart file).</summary>
    private static bool IsCopied(NewAppPlan plan, string file) =>
        plan.Shape.Environments.Any(s => s.OwnFiles.Contains(file)) || plan.Shape.CommonFiles.Contains(file)
        || plan.Shape.OwnChart is { } chart && IO.RepoPath.IsUnder(chart, file);

    private static string CopyOf(NewAppPlan plan, string file) => Target(plan, file);

    /// <summary>Where the copy of a file of the model app goes: its path with the app's name replaced.</summary>
    private static string Target(NewAppPlan plan, string file)
    {
        var relative = plan.Relative(file);
        return plan.Token.RenamePath(relative)
            ?? throw new InputException($"{relative} is {plan.Token.From}'s alone, but its path does not name {plan.Token.From}, so there is no telling where {plan.Token.To}'s copy goes; name the file after the app, or add the app by hand.");
    }

    private static string Renamed(NewAppPlan plan, string text, string file) =>
        YamlBlockEditor.Rewrite(text, plan.Relative(file), v => plan.Token.Rename(v.Value), plan.Token.Rename);

    private static string Text(NewAppPlan plan, string file)
    {
        try { return ValuesFile.Read(file).Text; }
        catch (YamlEditException) { throw new InputException($"{plan.Relative(file)} is not a text file; NewApp copies charts of text files only. Add the app by hand."); }
    }

    private static string SealCommand(string app, string? environment) => $"./build.sh --target=SealSecret --app={app} --env={environment ?? "<env>"} --key=<KEY>";

    private static IEnumerable<string> ChartValues(RenderUnit unit) =>
        unit.ChartPath is { } chart ? [Path.GetFullPath(Path.Combine(chart, "values.yaml"))] : [];

    private static string Listed(NewAppPlan plan, RenderUnit unit) =>
        unit.ValueFiles.Count == 0 ? "no value file" : string.Join(", ", unit.ValueFiles.Select(v => v.Declared));

    [GeneratedRegex(@"(?<call>\b(?:define|template|include)\s+"")(?<name>[^""\s]+)\.")]
    private static partial Regex TemplateName();
}
