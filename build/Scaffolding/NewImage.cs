using GitOps.Build.Manifests;
using GitOps.Build.Primitives;

namespace GitOps.Build.Scaffolding;

/// <summary>
/// The image a new app runs, as <c>--image</c> gives it: <c>&lt;repository&gt;[:&lt;tag&gt;][@&lt;digest&gt;]</c>. Each
/// environment gets the tag given; without one, the moving tag the model app runs there (develop, staging), never
/// another app's release.
/// </summary>
public sealed record NewImage(string Repository, string? Tag, string? Digest)
{
    /// <exception cref="InputException">Not an image reference.</exception>
    public static NewImage Parse(string text)
    {
        var reference = ImageReference.Parse(text.Trim());
        if (reference.Repository.Length == 0 || reference.Repository.Any(c => char.IsWhiteSpace(c) || char.IsUpper(c)) || reference.Repository.EndsWith('/'))
            throw new InputException($"--image={text} is not an image reference; write it as <repository>[:<tag>][@<digest>], e.g. ghcr.io/acme/web:1.0.0.");
        if (reference.Digest is { } digest && !digest.StartsWith("sha256:", StringComparison.Ordinal) && !digest.StartsWith("sha512:", StringComparison.Ordinal))
            throw new InputException($"--image={text}: the digest must be sha256:<64 hex> or sha512:<128 hex>.");
        return new NewImage(reference.Repository, reference.Tag.Length > 0 ? reference.Tag : null, reference.Digest);
    }

    /// <summary>The tag as a values file holds it: the tag, with @digest when pinned (<c>1.0.0@sha256:...</c>).</summary>
    public string TagValue(string tag) => Digest is null ? tag : $"{tag}@{Digest}";

    /// <summary>The whole reference an environment runs.</summary>
    public string Reference(string? tag) => Repository + (tag is { Length: > 0 } ? ":" + tag : "") + (Digest is null ? "" : "@" + Digest);

    /// <summary>
    /// The tag an environment gets: the one given; else the model app's tag there when it is a moving one (a branch's
    /// tag such as develop); else none can be chosen, and the operator must give one.
    /// </summary>
    /// <exception cref="InputException">No tag given, no digest, and the model app runs a release there.</exception>
    public string? TagFor(string environment, string? modelTag, string modelApp)
    {
        if (Tag is not null) return Tag;
        if (modelTag is { Length: > 0 } && !ImageTags.IsImmutable(modelTag)) return modelTag;
        if (Digest is not null) return null;
        throw new InputException($"--image={Reference(null)} has no tag, and {modelApp} runs the release {modelTag ?? "(none)"} in {environment}, which is {modelApp}'s own; give the new app's: --image={Repository}:<tag>.");
    }
}
