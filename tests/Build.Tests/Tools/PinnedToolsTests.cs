using System.Security.Cryptography;
using GitOps.Build.Tests.Support;
using GitOps.Build.Tools;

namespace GitOps.Build.Tests.Tools;

/// <summary>The real pinned helm, as the build installs it: the binary matches its pin and runs.</summary>
public class PinnedToolsTests
{
    [Fact]
    public async Task The_installed_helm_is_the_pinned_binary_and_reports_its_version()
    {
        var path = TestTools.Helm;
        var expected = ToolSpec.Helm.Sha256ByPlatform[ToolSpec.CurrentPlatform];
        if (path.StartsWith(Path.Combine(TestTools.RepoRoot, ".tools"), StringComparison.Ordinal))
        {
            await using var stream = File.OpenRead(path);
            Assert.Equal(expected, Convert.ToHexStringLower(await SHA256.HashDataAsync(stream)));
        }
        Assert.Equal("v4.1.4", await new ProcessVersionProbe().VersionAsync(ToolSpec.Helm, path, CancellationToken.None));
    }
}
