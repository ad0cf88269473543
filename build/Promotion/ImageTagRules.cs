using System.Text.RegularExpressions;

namespace GitOps.Build.Promotion;

/// <summary>
/// What makes an image tag acceptable at all. Which tags an environment with immutableTags takes is
/// <see cref="Manifests.ImageTags.IsImmutable(string)"/>, the rule Validate applies too.
/// </summary>
public static partial class ImageTagRules
{
    /// <summary>The OCI distribution spec's tag grammar: what a registry accepts at all.</summary>
    public static bool IsValidTag(string tag) => OciTag().IsMatch(tag);

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$")]
    private static partial Regex OciTag();
}
