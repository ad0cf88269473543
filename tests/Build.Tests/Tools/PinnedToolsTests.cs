using System.Security.Cryptography;
using GitOps.Build.Tests.Support;
using GitOps.Build.Tools;

namespace GitOps.Build.Tests.Tools;

/// <summary>The real pinned helms, as the build installs them: each binary matches its pin and runs.</summary>
public class PinnedToolsTests
{
    public static TheoryData<string> Majors => ["3", "4"];

    [Theory]
    [MemberData(nameof(Majors))]
    public async Task The_installed_helm_is_the_pinned_binary_and_reports_its_version(string major)
    {
        var spec = HelmVersions.ForMajor(major)!;
        var path = major == "3" ? TestTools.Helm : TestTools.Helm4;
        var expected = spec.Sha256ByPlatform[ToolSpec.CurrentPlatform];
        if (path.StartsWith(Path.Combine(TestTools.RepoRoot, ".tools"), StringComparison.Ordinal))
        {
            await using var stream = File.OpenRead(path);
            Assert.Equal(expected, Convert.ToHexStringLower(await SHA256.HashDataAsync(stream)));
        }
        Assert.Equal(spec.Version, await new ProcessVersionProbe().VersionAsync(spec, path, CancellationToken.None));
    }

    [Fact]
    public void The_default_helm_is_helm_3_as_Argo_CD_bundles()
    {
        Assert.Equal("v3.17.2", ToolSpec.Helm.Version);
        Assert.Same(ToolSpec.Helm3, HelmVersions.Default);
        Assert.Equal("v4.1.4", HelmVersions.ForMajor("4")!.Version);
        Assert.Same(ToolSpec.Helm3, HelmVersions.ForMajor("v3.19.0"));
        Assert.Null(HelmVersions.ForMajor("2"));
    }

    [Theory]
    [InlineData("v3.4.1", "v3.17.2")]
    [InlineData("2.14.0", "v3.17.2")]
    [InlineData("3", "v3.17.2")]
    [InlineData(null, "v3.17.2")]
    [InlineData("not a version", "v3.17.2")]
    public void An_Argo_CD_version_maps_to_the_helm_it_bundles(string? argoCd, string helm) =>
        Assert.Equal(helm, HelmVersions.ForArgoCd(argoCd).Version);
}
