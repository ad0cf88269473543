using System.Text.RegularExpressions;
using Semver;

namespace GitOps.Build.Promotion;

/// <summary>What makes an image tag acceptable, in general and for environments that only take immutable tags.</summary>
public static partial class ImageTagRules
{
    /// <summary>The OCI distribution spec's tag grammar: what a registry accepts at all.</summary>
    public static bool IsValidTag(string tag) => OciTag().IsMatch(tag);

    /// <summary>
    /// True for a release version such as v1.2.3 or 1.2.3 (pre-releases like v1.2.3-rc.1 too): tags that by
    /// convention are never moved. Branch-like tags (develop, staging, main, latest) are not.
    /// </summary>
    public static bool IsImmutable(string tag) =>
        SemVersion.TryParse(tag, SemVersionStyles.AllowLowerV, out _);

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$")]
    private static partial Regex OciTag();
}
