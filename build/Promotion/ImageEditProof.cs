using GitOps.Build.Manifests;
using GitOps.Build.Yaml;

namespace GitOps.Build.Promotion;

/// <summary>A promotion's edits, proven: the files' new texts, the sites they change, and each Application rendered with them.</summary>
/// <param name="Files">Absolute path → the file's new text (byte-order mark kept by <see cref="EditedFile"/>).</param>
/// <param name="Renderings">One per Application moved (an app may have several in an environment, one per region or cluster).</param>
public sealed record ProvenEdit(IReadOnlyList<EditedFile> Files, IReadOnlyList<ImageSite> Sites, IReadOnlyList<ProvenRendering> Renderings)
{
    public IReadOnlyDictionary<string, string> Texts => Files.ToDictionary(f => f.Path, f => f.Text);

    /// <summary>The new texts of the files <paramref name="target"/>'s rendering reads: what it is rendered and validated with.</summary>
    public IReadOnlyDictionary<string, string> TextsFor(PromotionTarget target) =>
        Files.Where(f => target.File(f.Path) is not null).ToDictionary(f => f.Path, f => f.Text);
}

/// <summary>One Application's rendering before and after the edit, and the fields that differ.</summary>
public sealed record ProvenRendering(PromotionTarget Target, IReadOnlyList<ManifestObject> Before, IReadOnlyList<ManifestObject> After,
    IReadOnlyList<RenderedChange> Changes);

/// <summary>One file's new content; <see cref="Original"/> is what it holds now.</summary>
public sealed record EditedFile(string Path, string Original, string Text, bool HasBom);

/// <summary>
/// Finds which of an environment's image sites really produce the app's image, and proves the edit by
/// rendering: each candidate is changed alone and rendered (one that moves none of the app's containers is
/// left alone; one that moves them and anything else is refused); then all that do are changed together and
/// rendered once more, and every container of the app must run the new reference while nothing else in the
/// environment's output changed. Allowed besides the images: the <c>app.kubernetes.io/version</c> label following
/// the tag (Kubernetes' recommended label for the version of the application, which charts commonly derive from the
/// image tag), and the <c>checksum/…</c> pod-template annotations of the app's own workloads (hashes of other
/// objects, such as a ConfigMap carrying that label; those pods restart for the new image anyway). A site in a file another Application
/// builds is never edited: for Helm the value is written into the environment's own values file instead, which
/// wins over the chart's defaults; otherwise the promotion is refused naming the others. Nothing is written here.
/// </summary>
public static class ImageEditProof
{
    private const string VersionLabel = "/labels/app.kubernetes.io~1version";

    /// <param name="display">How a file is named in messages (relative to the repository).</param>
    /// <exception cref="PromotionRefusedException">No proven edit; the message says why, nothing was written.</exception>
    public static ProvenEdit Prove(EnvironmentImage image, string version, IPromotionRenderer renderer, Func<string, string> display) =>
        Prove([image], version, renderer, display);

    /// <summary>
    /// The edit that moves every Application of the app in the environment together (one per region or cluster):
    /// each one's sites found as for one, all of them set at once (a file they share edited once), and then each
    /// Application rendered with the files it reads and held to the same proof. Any failure refuses the whole.
    /// </summary>
    /// <exception cref="PromotionRefusedException">No proven edit for one of them; the message names it, nothing was written.</exception>
    public static ProvenEdit Prove(IReadOnlyList<EnvironmentImage> images, string version, IPromotionRenderer renderer, Func<string, string> display)
    {
        var sites = images.SelectMany(i => Sites(i, version, renderer, display)).Distinct().ToList();
        var files = Apply(sites, version, display);
        var proof = new ProvenEdit(files, sites, []);
        return proof with { Renderings = images.Select(i => Check(i, sites.Where(s => i.Target.File(s.File) is not null).ToList(), proof, version, renderer, display)).ToList() };
    }

    /// <summary>The sites that produce the app's image in one Application's rendering: each candidate changed alone and rendered.</summary>
    private static List<ImageSite> Sites(EnvironmentImage image, string version, IPromotionRenderer renderer, Func<string, string> display)
    {
        var target = image.Target;
        var candidates = image.Sites.Select(s => InOwnValues(s, target)).OrderBy(s => s.Missing)
            .DistinctBy(s => (s.File, s.Document, s.Path)).ToList();
        if (candidates.Count == 0) throw NoSite(image, display, []);
        var appImages = image.Containers.ToDictionary(c => (c.Object, c.Pointer));
        var needed = new List<(ImageSite Site, HashSet<(string, string)> Moves)>();
        var failures = new List<string>();
        foreach (var site in candidates)
        {
            IReadOnlyList<RenderedChange> changes;
            try
            {
                changes = RenderedChanges.Between(image.Rendered, renderer.Render(target, Texts(Apply([site], version, display))));
            }
            catch (Exception e) when (e is InvalidOperationException or YamlEditException)
            {
                failures.Add($"{site.Where(display(site.File))}: {e.Message}");
                continue;
            }
            var moved = changes.Where(c => appImages.ContainsKey((c.Object, c.Pointer))).ToList();
            if (moved.Count == 0) continue; // not what renders the app's image (overridden, or another value that happens to match)
            var other = Others(changes, appImages, image, version);
            if (other.Count > 0)
                throw new PromotionRefusedException(
                    $"{site.Where(display(site.File))} sets {image.Repository} for {string.Join(", ", moved.Select(m => appImages[(m.Object, m.Pointer)].Describe))}, "
                    + $"but changing it changes more of what {Named(target)} renders; nothing was written. Give the image a value of its own there.",
                    other.Take(10).Select(c => c.Describe).ToList());
            needed.Add((site, moved.Select(m => (m.Object, m.Pointer)).ToHashSet()));
        }
        if (needed.Count == 0) throw NoSite(image, display, failures);

        // A site in a file others build is not needed when the environment's own sites move every container without it
        // (a base's literal reference under an overlay's images: entry); otherwise it is refused, naming them.
        var own = needed.Where(n => target.File(n.Site.File) is not { SharedWith.Count: > 0 }).ToList();
        var ownMoves = own.SelectMany(n => n.Moves).ToHashSet();
        return (appImages.Keys.All(ownMoves.Contains) ? own : needed).Select(n => Unshared(n.Site, target, image.Repository, display)).Distinct().ToList();
    }

    /// <summary>One Application rendered with the whole edit: every container of the app runs the new version, nothing else changed.</summary>
    private static ProvenRendering Check(EnvironmentImage image, IReadOnlyList<ImageSite> sites, ProvenEdit edit, string version, IPromotionRenderer renderer,
        Func<string, string> display)
    {
        var target = image.Target;
        IReadOnlyList<ManifestObject> after;
        try
        {
            after = renderer.Render(target, edit.TextsFor(target));
        }
        catch (InvalidOperationException e)
        {
            throw new PromotionRefusedException($"{target.App} in {Named(target)} does not render with the edit; nothing was written.", [e.Message]);
        }
        var all = RenderedChanges.Between(image.Rendered, after);
        var notMoved = image.Containers
            .Where(c => RenderedImages.Of(after).FirstOrDefault(a => a.Object == c.Object && a.Pointer == c.Pointer) is not { } now || !Runs(now.Image, c.Image, version))
            .ToList();
        if (notMoved.Count > 0)
            throw new PromotionRefusedException(
                $"with {string.Join(", ", sites.Select(s => s.Where(display(s.File))))} changed, {notMoved.Count} of {image.Containers.Count} containers of {target.App} in {Named(target)} "
                + $"would not run {version}: {string.Join("; ", notMoved.Select(c => c.Describe))}. What sets their image is not in {target.Environment}'s own files; nothing was written.");
        var others = Others(all, image.Containers.ToDictionary(c => (c.Object, c.Pointer)), image, version);
        if (others.Count > 0)
            throw new PromotionRefusedException($"the edit changes more of what {Named(target)} renders than the app's image; nothing was written.",
                others.Take(10).Select(c => c.Describe).ToList());
        return new ProvenRendering(target, image.Rendered, after, all);
    }

    /// <summary>The environment, and the Application when it is one of several there.</summary>
    private static string Named(PromotionTarget target) => $"{target.Environment} (Application {target.Application})";

    /// <summary>The app's files with <paramref name="sites"/> set to <paramref name="version"/>, read from disk and edited in memory.</summary>
    public static IReadOnlyList<EditedFile> Apply(IReadOnlyList<ImageSite> sites, string version, Func<string, string> display)
    {
        var files = new List<EditedFile>();
        foreach (var group in sites.GroupBy(s => s.File))
        {
            var (original, hasBom) = ValuesFile.Read(group.Key);
            var text = original;
            foreach (var site in group)
            {
                foreach (var (path, value) in site.Writes(ImageTagRules.On("image", version) , display(site.File)))
                    text = YamlScalarEditor.SetScalar(text, path, value, display(site.File), site.Document);
            }
            files.Add(new EditedFile(group.Key, original, text, hasBom));
        }
        return files;
    }

    private static Dictionary<string, string> Texts(IEnumerable<EditedFile> files) => files.ToDictionary(f => f.Path, f => f.Text);

    /// <summary>Does <paramref name="now"/> run <paramref name="version"/> on <paramref name="before"/>'s repository? With a digest, the digest decides.</summary>
    private static bool Runs(ImageReference now, ImageReference before, string version)
    {
        var wanted = ImageTagRules.On(before.Repository, version);
        if (now.Repository != before.Repository) return false;
        return wanted.Digest is not null ? now.Digest == wanted.Digest && (wanted.Tag.Length == 0 || now.Tag.Length == 0 || now.Tag == wanted.Tag)
            : now.Digest is null && now.Tag == wanted.Tag;
    }

    /// <summary>The changes that are neither the app's container images nor its version label following the tag.</summary>
    private static List<RenderedChange> Others(IEnumerable<RenderedChange> changes, IReadOnlyDictionary<(string, string), RenderedContainer> appImages,
        EnvironmentImage image, string version)
    {
        var newTag = Label(ImageTagRules.On("image", version).Tag);
        var oldTags = image.Containers.Select(c => Label(c.Image.Tag)).ToHashSet(StringComparer.Ordinal);
        var appWorkloads = appImages.Values.Select(c => c.Object).ToHashSet(StringComparer.Ordinal);
        return changes.Where(c => !appImages.ContainsKey((c.Object, c.Pointer))
            && !(c.Pointer.EndsWith(VersionLabel, StringComparison.Ordinal) && !c.Pointer.Contains("/selector/", StringComparison.Ordinal)
                 && c.Before is { } b && oldTags.Contains(b) && c.After == newTag)
            && !(appWorkloads.Contains(c.Object) && IsChecksumAnnotation(c.Pointer) && c.Before is not null && c.After is not null)).ToList();
    }

    /// <summary>
    /// A <c>checksum/…</c> annotation on a pod template: a hash charts take of other rendered objects (a ConfigMap
    /// whose version label just followed the tag) to restart pods when those change. On a workload of the app,
    /// whose pods restart for the new image anyway, its change is a consequence, not a change of its own.
    /// </summary>
    private static bool IsChecksumAnnotation(string pointer) =>
        pointer.Contains("/template/metadata/annotations/checksum~1", StringComparison.Ordinal) && pointer.LastIndexOf('/') is var slash
        && pointer[..slash].EndsWith("/template/metadata/annotations", StringComparison.Ordinal);

    /// <summary>A tag as a label value holds it: at most 63 characters (what charts cut it to).</summary>
    private static string Label(string tag) => tag.Length <= 63 ? tag : tag[..63].TrimEnd('-', '_', '.');

    /// <summary>
    /// For Helm, a value the chart's defaults or a value file other Applications read set is written into the
    /// environment's own values file instead, where it wins (helm merges later files over earlier ones).
    /// </summary>
    private static ImageSite InOwnValues(ImageSite site, PromotionTarget target) =>
        target.Kind == GitOps.SourceKind.Helm && target.File(site.File) is { } file && (!file.Own || file.SharedWith.Count > 0)
        && target.OwnValuesFile is { } own && own != site.File && !site.Path.Contains('[')
            ? site with { File = own, Document = 0, Line = 0, Missing = true }
            : site;

    /// <summary>A site in a file other Applications build is refused, naming them.</summary>
    private static ImageSite Unshared(ImageSite site, PromotionTarget target, string repository, Func<string, string> display)
    {
        var file = target.File(site.File);
        if (file is null || file.SharedWith.Count == 0) return site;
        throw new PromotionRefusedException(
            $"{target.App}'s image in {target.Environment} is set at {site.Where(display(site.File))}, which {string.Join(", ", file.SharedWith)} also build{(file.SharedWith.Count == 1 ? "s" : "")}, "
            + $"so changing it there would move {(file.SharedWith.Count == 1 ? "that one" : "them")} too; nothing was written. "
            + (target.Kind == GitOps.SourceKind.Kustomize
                ? $"Set the image in {target.Environment}'s own overlay instead: images: [{{name: {repository}, newTag: <tag>}}] in its kustomization."
                : $"Set it in a file only {target.Environment} reads."));
    }

    private static PromotionRefusedException NoSite(EnvironmentImage image, Func<string, string> display, IReadOnlyList<string> failures)
    {
        var target = image.Target;
        var files = target.Files.Where(f => f.Own).Select(f => display(f.Path)).ToList();
        var setting = target.ApplicationSettings.FirstOrDefault(s => SetsImage(s, image));
        if (setting is not null)
            return new PromotionRefusedException(
                $"{image.Repository} of {target.App} in {target.Environment} is set by {setting.What}, which wins over the files it reads; remove it there so the files decide the image. Nothing was changed.");
        var hint = target.Kind == GitOps.SourceKind.Kustomize
            ? $" Add an images: entry for it to the overlay's kustomization, i.e. images: [{{name: {image.Repository}, newTag: {image.Containers[0].Image.Tag}}}], written as a block list (\"- name: ...\" and \"newTag: ...\" on lines of their own); Promote does not invent it."
            : " Set the tag in the environment's values file (e.g. image.tag); Promote does not invent the key.";
        return new PromotionRefusedException(
            $"nothing in the files {target.Environment} reads sets {image.Repository} ({string.Join(", ", image.References)}) for {target.App}, so there is no place to write the new version"
            + (files.Count > 0 ? $" (its own files: {string.Join(", ", files)})" : "") + "." + hint + " Nothing was changed.", failures);
    }

    private static bool SetsImage(ApplicationSetting setting, EnvironmentImage image) =>
        setting.Value.Split('=').Last() is var value
        && ((ImageSites.IsVersionedReference(value) && ImageReference.Parse(value).Repository == image.Repository)
            || image.Containers.Any(c => c.Image.Tag.Length > 0 && c.Image.Tag == value));
}
