using System.Text.RegularExpressions;
using Semver;

namespace GitOps.Build.Manifests;

/// <summary>
/// The one immutable-tag rule, shared by Validate (POL-MUTABLE-IMAGE-TAG on what prod renders) and
/// Promote (what it writes into a prod values file), so a tag CI lets into prod is one Promote takes.
/// Accepted, because by convention nobody moves them: an image pinned by digest (@sha256:&lt;64 hex&gt;,
/// @sha512:&lt;128 hex&gt;), a semver release tag (v1.2.3, 1.2.3, pre-releases such as v1.2.3-rc.1), a
/// commit-SHA tag (sha-&lt;7–40 hex&gt;, or 7–40 hex alone). Everything else is taken to move: no tag,
/// the well-known moving tags (<see cref="Moving"/>), and any other name (a branch, "1.2", a date).
/// </summary>
public static partial class ImageTags
{
    /// <summary>The accepted forms as docs and messages state them.</summary>
    public const string AcceptedForms =
        "a digest (@sha256:...), a semver release tag (v1.2.3, 1.2.3, v1.2.3-rc.1) or a commit-SHA tag (sha-<7-40 hex> or 7-40 hex)";

    /// <summary>Tags known to be moved on purpose, in the order docs list them.</summary>
    public static IReadOnlyList<string> MovingNames { get; } =
        ["latest", "develop", "dev", "staging", "stage", "main", "master", "stable", "edge", "nightly",
         "prod", "production", "canary", "test", "release"];

    /// <summary>The moving tags, case-insensitive; the empty one stands for an image given without a tag (latest).</summary>
    public static IReadOnlySet<string> Moving { get; } = new HashSet<string>(MovingNames.Prepend(""), StringComparer.OrdinalIgnoreCase);

    /// <summary>True for a tag in one of the accepted immutable forms (semver release or commit SHA).</summary>
    public static bool IsImmutable(string tag) =>
        !Moving.Contains(tag) && (CommitSha().IsMatch(tag) || SemVersion.TryParse(tag, SemVersionStyles.AllowLowerV, out _));

    /// <summary>True for an image pinned by a well-formed digest, whatever its tag, or with an immutable tag.</summary>
    public static bool IsImmutable(ImageReference image) =>
        image.Digest is { } digest ? IsDigest(digest) : IsImmutable(image.Tag);

    /// <summary>A well-formed digest: <c>sha256:</c> and 64, or <c>sha512:</c> and 128, lower-case hex digits.</summary>
    public static bool IsDigest(string text) => Digest().IsMatch(text);

    /// <summary>Why an image's tag is not immutable, for a message: "no tag (latest)", "the moving tag 'latest'", ...</summary>
    public static string Describe(ImageReference image) =>
        image.Digest is not null ? $"a malformed digest '{image.Digest}'"
        : image.Tag.Length == 0 ? "no tag (latest)"
        : Moving.Contains(image.Tag) ? $"the moving tag '{image.Tag}'"
        : $"the tag '{image.Tag}', which is not an immutable form";

    [GeneratedRegex("^(?:sha-)?[0-9a-fA-F]{7,40}$")]
    private static partial Regex CommitSha();

    [GeneratedRegex("^(?:sha256:[0-9a-f]{64}|sha512:[0-9a-f]{128})$")]
    private static partial Regex Digest();
}
