using GitOps.Build.Manifests;

namespace GitOps.Build.Promotion;

/// <summary>What a scalar in a source file holds of an image reference.</summary>
public enum ImageSiteKind
{
    /// <summary>A whole reference, <c>repo:tag</c>, <c>repo@digest</c> or both (a literal <c>image:</c>, Helm's <c>app.image</c>).</summary>
    Reference,
    /// <summary>The tag alone (Helm's <c>image.tag</c>, a <c>repository</c> + <c>tag</c> pair, Kustomize's <c>newTag</c>).</summary>
    Tag,
    /// <summary>The digest alone (Kustomize's <c>digest</c>, a chart's <c>image.digest</c>).</summary>
    Digest,
}

/// <summary>
/// One scalar in a source file that may produce (part of) an app's image reference: where it is (file,
/// document of the file, dotted path as <see cref="Yaml.YamlScalarEditor"/> takes it, line) and what it holds.
/// Whether it really does is proven by rendering (<see cref="ImageEditProof"/>).
/// </summary>
/// <param name="Missing">The key does not exist yet and is inserted (the <c>newTag</c> of a Kustomize <c>images:</c>
/// entry that has none, or a Helm value the chart's defaults set, written into the environment's own values file).</param>
public sealed record ImageSite(string File, int Document, string Path, ImageSiteKind Kind, string Value, int Line, bool Missing = false)
{
    /// <summary>The scalars to write so this site produces <paramref name="target"/>: usually one, two for a Kustomize
    /// <c>images:</c> entry that gains a digest next to its <c>newTag</c>.</summary>
    /// <exception cref="PromotionRefusedException">The site pins a digest and the new version has none.</exception>
    public IReadOnlyList<(string Path, string Value)> Writes(ImageReference target, string display)
    {
        switch (Kind)
        {
            case ImageSiteKind.Reference:
                return [(Path, (ImageReference.Parse(Value) with { Tag = target.Tag, Digest = target.Digest }).Text)];
            case ImageSiteKind.Digest when target.Digest is null:
                throw new PromotionRefusedException(
                    $"{Where(display)} pins the digest {Value}, and {target.Version} has none; promote with a digest (--tag={target.Tag}@sha256:<digest>), or remove the digest by hand first.");
            case ImageSiteKind.Digest:
                return [(Path, target.Digest)];
            default:
                var kustomizeEntry = Path.EndsWith(".newTag", StringComparison.Ordinal) && Path.StartsWith("images[", StringComparison.Ordinal);
                if (!kustomizeEntry) return [(Path, target.Tag)];
                // Kustomize writes name@digest when an entry has a digest: the digest goes next to newTag, the tag stays readable.
                var digest = Path[..^".newTag".Length] + ".digest";
                if (target.Tag.Length == 0) return [(digest, target.Digest!)];
                return target.Digest is null ? [(Path, target.Tag)] : [(Path, target.Tag), (digest, target.Digest)];
        }
    }

    /// <summary><c>file:line (path)</c>, the file relative as <paramref name="display"/> shows it.</summary>
    public string Where(string display) => Missing ? $"{display} ({Path}, to be added)" : $"{display}:{Line} ({Path}{(Document > 0 ? $" of document {Document + 1}" : "")})";
}

/// <summary>A promotion that cannot be made as asked; the message says why and what to do instead. Nothing was written.</summary>
public sealed class PromotionRefusedException(string message, IReadOnlyList<string>? problems = null) : Exception(message)
{
    public IReadOnlyList<string> Problems { get; } = problems ?? [];

    /// <summary>The command line lacks what decides it (a version to go back to that the history does not give alone): exit 2.</summary>
    public bool NeedsArgument { get; init; }
}
