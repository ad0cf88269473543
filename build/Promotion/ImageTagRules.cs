using System.Text.RegularExpressions;
using GitOps.Build.Manifests;

namespace GitOps.Build.Promotion;

/// <summary>
/// What makes an image version (what Promote moves: a tag, a tag with a digest, or a digest alone) acceptable
/// at all. Which versions an environment with immutableTags takes is <see cref="ImageTags.IsImmutable(ImageReference)"/>,
/// the rule Validate applies too.
/// </summary>
public static partial class ImageTagRules
{
    /// <summary>How the accepted forms read in messages and help.</summary>
    public const string Forms = "a tag (1.4.2), a tag and a digest (1.4.2@sha256:<64 hex>) or a digest alone (sha256:<64 hex>)";

    /// <summary>The OCI distribution spec's tag grammar: what a registry accepts at all.</summary>
    public static bool IsValidTag(string tag) => OciTag().IsMatch(tag);

    /// <summary>
    /// A version as given on the command line or read from a reference: <c>tag</c>, <c>tag@digest</c>, <c>@digest</c>
    /// or <c>digest</c> (sha256:… or sha512:…, lower-case hex). False when neither part is well formed.
    /// </summary>
    public static bool TryParseVersion(string text, out string tag, out string? digest)
    {
        (tag, digest) = ("", null);
        var at = text.IndexOf('@');
        var (tagPart, digestPart) = at >= 0 ? (text[..at], text[(at + 1)..]) : ImageTags.IsDigest(text) ? ("", text) : (text, null);
        if (digestPart is not null && !ImageTags.IsDigest(digestPart)) return false;
        if (tagPart.Length > 0 && !IsValidTag(tagPart)) return false;
        if (tagPart.Length == 0 && digestPart is null) return false;
        (tag, digest) = (tagPart, digestPart);
        return true;
    }

    /// <summary>The reference <paramref name="repository"/> runs at <paramref name="version"/> (a valid one: see <see cref="TryParseVersion"/>).</summary>
    public static ImageReference On(string repository, string version) =>
        TryParseVersion(version, out var tag, out var digest)
            ? new ImageReference(repository, tag, digest)
            : throw new ArgumentException($"'{version}' is not an image version.", nameof(version));

    /// <summary>True for a version an immutableTags environment takes: a well-formed digest, or an immutable tag.</summary>
    public static bool IsImmutable(string version) => TryParseVersion(version, out _, out _) && ImageTags.IsImmutable(On("image", version));

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$")]
    private static partial Regex OciTag();
}
