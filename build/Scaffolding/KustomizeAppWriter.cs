using System.Text.Json.Nodes;
using GitOps.Build.GitOps;
using GitOps.Build.Manifests;
using GitOps.Build.Pipeline;
using GitOps.Build.Promotion;
using GitOps.Build.Primitives;
using GitOps.Build.Yaml;

namespace GitOps.Build.Scaffolding;

/// <summary>
/// NewApp for an app Kustomize renders. A base is literal manifests of the model app (its Deployments, hosts,
/// Jobs), nothing to copy for another app; so the new app gets the model app's layout, not its content: a base
/// where the model app has one (same folders under the new name), an overlay per environment at the same place,
/// kustomization files written the same way (file extension, <c>patches</c> or <c>patchesStrategicMerge</c>, the image
/// set by an <c>images:</c> entry or by a patch file of the same name), and in them one Deployment and Service made to
/// the repository's policy (see <see cref="KustomizeManifests"/>).
/// </summary>
public static class KustomizeAppWriter
{
    public static void Plan(NewAppPlan plan, int defaultUid)
    {
        var shape = plan.Shape;
        var token = plan.Token;
        var image = plan.Request.Image;
        var appFiles = shape.CommonFiles.Concat(shape.Environments.SelectMany(s => s.OwnFiles)).ToHashSet(StringComparer.Ordinal);
        var first = shape.Environments[0];
        var layout = Layout(plan, first, appFiles);
        var port = plan.Request.Port ?? ModelImage.Ports(plan.Renderer.RenderOrThrow(first.Unit).Objects).Cast<int?>().FirstOrDefault() ?? 8080;
        var tags = shape.Environments.ToDictionary(s => s.Environment, s =>
        {
            var modelTag = RenderedImages.Of(plan.Renderer.RenderOrThrow(s.Unit).Objects).OrderBy(c => c.IsInit).Select(c => c.Image.Tag).FirstOrDefault();
            return image.TagFor(s.Environment, modelTag, shape.App);
        });
        var manifests = new KustomizeManifests(token.To, image, port, defaultUid);
        var applications = new ApplicationCopies(plan.Model, plan.Changes, token);

        if (layout.Base is { } baseFolder)
        {
            var target = Renamed(plan, baseFolder);
            plan.Changes.Add(Join(target, layout.KustomizationName), manifests.Kustomization(["deployment" + layout.Extension, "service" + layout.Extension], [], false, false, null));
            plan.Changes.Add(Join(target, "deployment" + layout.Extension), manifests.Deployment(tags[first.Environment]));
            plan.Changes.Add(Join(target, "service" + layout.Extension), manifests.Service());
        }
        foreach (var slice in shape.Environments)
        {
            var overlay = Renamed(plan, slice.Unit.SourcePath!);
            var tag = tags[slice.Environment];
            var policy = plan.Policy(slice.Environment);
            var replicas = policy?.MinReplicas ?? (policy?.RequireDisruptionBudget == true ? 2 : 1);
            var resources = new List<string>();
            var patches = new List<string>();
            if (layout.Base is { } b) resources.Add(Path.GetRelativePath(Path.Combine(plan.Model.Root, overlay), Path.Combine(plan.Model.Root, Renamed(plan, b))).Replace('\\', '/'));
            else
            {
                plan.Changes.Add(Join(overlay, "deployment" + layout.Extension), manifests.Deployment(tag));
                plan.Changes.Add(Join(overlay, "service" + layout.Extension), manifests.Service());
                resources.AddRange(["deployment" + layout.Extension, "service" + layout.Extension]);
            }
            if (layout.ImagePatch is { } versionFile && layout.Base is not null)
            {
                plan.Changes.Add(Join(overlay, versionFile), manifests.ImagePatch(tag));
                patches.Add(versionFile);
            }
            if (replicas > 1)
            {
                var spread = policy?.ChecksAntiAffinity == true;
                plan.Changes.Add(Join(overlay, "replicas" + layout.Extension), manifests.ReplicasPatch(replicas, spread));
                patches.Add("replicas" + layout.Extension);
                if (policy?.RequireDisruptionBudget != false)
                {
                    plan.Changes.Add(Join(overlay, "pdb" + layout.Extension), manifests.DisruptionBudget(replicas));
                    resources.Add("pdb" + layout.Extension);
                }
            }
            // The overlay sets the image as the model app's does: an images: entry, or a patch file; over a base that does neither, an images: entry
            // (what Promote moves); an overlay without a base holds the whole Deployment, with its image.
            var byImagesEntry = layout.ImagesEntry || layout.Base is not null && layout.ImagePatch is null;
            plan.Changes.Add(Join(overlay, layout.KustomizationName), manifests.Kustomization(resources, patches, layout.StrategicMerge, byImagesEntry, tag));
            plan.ExpectedImages[slice.Environment] = image.Reference(tag);
            applications.Plan(slice, new HashSet<string>(), policy);
        }
        plan.ToFillIn.Add($"{token.To}'s Deployment: probes check that port {port} accepts connections (point them at a health endpoint), requests and limits are small defaults, and the pods run as UID {defaultUid} with a read-only root filesystem (/tmp is writable): the image must allow that");
        foreach (var borrowed in Borrowed(plan, appFiles)) plan.ToFillIn.Add(borrowed);
    }

    private sealed record OverlayLayout(string? Base, string KustomizationName, string Extension, bool StrategicMerge, string? ImagePatch, bool ImagesEntry);

    /// <summary>How the model app's overlays are written: its base (a kustomization of its own the overlay lists), file names, how patches and the image are given.</summary>
    private static OverlayLayout Layout(NewAppPlan plan, EnvironmentSlice slice, IReadOnlySet<string> appFiles)
    {
        var overlay = slice.Unit.SourcePath!;
        var file = Kustomization.FileIn(overlay)
            ?? throw new InputException($"{plan.Relative(overlay)} has no kustomization file; NewApp copies the layout of Kustomize overlays.");
        var body = ManifestReader.ReadFile(file).FirstOrDefault()?.Body ?? [];
        var name = Path.GetFileName(file);
        var extension = Path.GetExtension(name) is { Length: > 0 } e ? e : ".yaml";
        string? baseFolder = null;
        foreach (var entry in Strings(body["resources"]).Concat(Strings(body["bases"])))
        {
            var folder = Path.GetFullPath(Path.Combine(overlay, entry));
            if (Directory.Exists(folder) && Kustomization.FileIn(folder) is { } baseFile && appFiles.Contains(Path.GetFullPath(baseFile)))
            {
                baseFolder = folder;
                break;
            }
        }
        string? imagePatch = null;
        if (body["images"] is null)
        {
            var repositories = RenderedImages.Of(plan.Renderer.RenderOrThrow(slice.Unit).Objects).Select(c => c.Image.Repository).ToHashSet();
            imagePatch = Strings(body["patchesStrategicMerge"]).Concat((body["patches"] as JsonArray ?? []).Select(p => p?["path"]?.ToString()).OfType<string>())
                .Where(p => !p.Contains('/') && File.Exists(Path.Combine(overlay, p)))
                .FirstOrDefault(p => repositories.Any(r => File.ReadAllText(Path.Combine(overlay, p)).Contains(r, StringComparison.Ordinal)));
        }
        return new OverlayLayout(baseFolder, name, extension, body["patchesStrategicMerge"] is not null, imagePatch, body["images"] is not null);
    }

    /// <summary>What the model app's own files hold that the new app did not take: hostnames, Secrets its containers read, environment variables.</summary>
    private static IEnumerable<string> Borrowed(NewAppPlan plan, IReadOnlySet<string> appFiles)
    {
        var hosts = new SortedSet<string>(StringComparer.Ordinal);
        var secrets = new SortedSet<string>(StringComparer.Ordinal);
        var variables = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in appFiles.Where(f => Path.GetExtension(f) is ".yaml" or ".yml"))
        {
            IReadOnlyList<ManifestObject> objects;
            try { objects = ManifestReader.ReadFile(file); }
            catch (Exception e) when (e is ManifestParseException or IOException) { continue; }
            foreach (var (keys, value) in objects.SelectMany(o => Texts(o.Body, [])))
            {
                if (BorrowedValues.IsHostOrUrl(value)) hosts.Add(value);
                if (keys.Contains("secretKeyRef") && keys[^1] == "name" || keys[^1] == "secretName") secrets.Add(value);
                if (keys.Count >= 2 && keys[^2] == "env" && keys[^1] == "name") variables.Add(value);
            }
        }
        if (hosts.Count > 0) yield return $"hostnames and URLs: {plan.Shape.App} has {string.Join(", ", hosts)}; {plan.Token.To} got no Ingress or address of its own";
        if (secrets.Count > 0) yield return $"Secrets: {plan.Shape.App} reads {string.Join(", ", secrets)}; {plan.Token.To} reads none yet";
        if (variables.Count > 0) yield return $"environment variables: {plan.Shape.App} sets {string.Join(", ", variables)}; {plan.Token.To} sets none yet";
    }

    /// <summary>Every string of a JSON tree with the keys on its way (list positions left out).</summary>
    private static IEnumerable<(IReadOnlyList<string> Keys, string Value)> Texts(JsonNode? node, IReadOnlyList<string> keys) => node switch
    {
        JsonObject o => o.SelectMany(kv => Texts(kv.Value, [.. keys, kv.Key])),
        JsonArray a => a.SelectMany(item => Texts(item, keys)),
        JsonValue v when v.TryGetValue<string>(out var s) && keys.Count > 0 => [(keys, s)],
        _ => [],
    };

    private static IEnumerable<string> Strings(JsonNode? node) =>
        node is JsonArray list ? list.Select(i => i is JsonValue v && v.TryGetValue<string>(out var s) ? s : null).OfType<string>() : [];

    private static string Renamed(NewAppPlan plan, string folder)
    {
        var relative = plan.Relative(folder);
        return plan.Token.RenamePath(relative)
            ?? throw new InputException($"{relative} is {plan.Token.From}'s, but its path does not name {plan.Token.From}, so there is no telling where {plan.Token.To}'s goes; name the folder after the app, or add the app by hand.");
    }

    private static string Join(string folder, string file) => folder.TrimEnd('/') + "/" + file;
}
