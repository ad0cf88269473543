namespace GitOps.Build.Tools;

/// <summary>
/// Which pinned helm renders. Argo CD's repo-server renders with the helm it bundles, and every
/// Argo CD release so far (3.4 embeds helm 3.19) bundles helm 3, not helm 4; the two render real
/// charts differently (default Capabilities.APIVersions, for one), so helm 3 is the default. helm 4
/// stays available by choice (<c>--helm-version=4</c>).
/// </summary>
public static class HelmVersions
{
    /// <summary>The pinned helm per major version, as <c>--helm-version</c> names them.</summary>
    public static readonly IReadOnlyDictionary<string, ToolSpec> ByMajor = new Dictionary<string, ToolSpec>
    {
        ["3"] = ToolSpec.Helm3,
        ["4"] = ToolSpec.Helm4,
    };

    /// <summary>What renders when nothing else is said: the helm of the Argo CD line in use today.</summary>
    public static ToolSpec Default => ToolSpec.Helm3;

    /// <summary>The pinned helm of a major version ("3", "4", or a whole version such as v3.17.2); null when none is pinned.</summary>
    public static ToolSpec? ForMajor(string? major) =>
        major != null && ByMajor.TryGetValue(MajorOf(major), out var spec) ? spec : null;

    /// <summary>
    /// The helm an Argo CD version renders with, for a repository that names the Argo CD it runs
    /// (e.g. "v3.4.1"). Every Argo CD release up to 3.x bundles helm 3; a later line is mapped here
    /// when it is known which helm it bundles, until then it gets the default.
    /// </summary>
    public static ToolSpec ForArgoCd(string? argoCdVersion)
    {
        var text = argoCdVersion?.Trim().TrimStart('v', 'V') ?? "";
        var dot = text.IndexOf('.');
        if (!int.TryParse(dot < 0 ? text : text[..dot], out var major)) return Default;
        return major <= 3 ? ToolSpec.Helm3 : Default;
    }

    /// <summary>The major of a version as helm reports it ("v3.17.2" gives "3").</summary>
    public static string MajorOf(string version) => version.Trim().TrimStart('v', 'V').Split('.')[0];
}
