using GitOps.Build.Tools;

namespace GitOps.Build.Tests.Tools;

public class CachedVersionProbeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("probe-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private sealed class CountingProbe : IVersionProbe
    {
        public int Calls;
        public Task<string?> VersionAsync(ToolSpec spec, string path, CancellationToken cancellationToken)
        {
            Calls++;
            return Task.FromResult<string?>("v" + File.ReadAllText(path).Trim());
        }
    }

    [Fact]
    public async Task A_binary_is_asked_once_until_it_changes()
    {
        var binary = Path.Combine(_dir, "helm");
        File.WriteAllText(binary, "1.0.0");
        var inner = new CountingProbe();
        var probe = new CachedVersionProbe(inner, Path.Combine(_dir, "cache", "probed-versions"));

        Assert.Equal("v1.0.0", await probe.VersionAsync(ToolSpec.Helm, binary, CancellationToken.None));
        Assert.Equal("v1.0.0", await new CachedVersionProbe(inner, Path.Combine(_dir, "cache", "probed-versions")).VersionAsync(ToolSpec.Helm, binary, CancellationToken.None));
        Assert.Equal(1, inner.Calls);

        File.WriteAllText(binary, "2.0.00");
        Assert.Equal("v2.0.00", await probe.VersionAsync(ToolSpec.Helm, binary, CancellationToken.None));
        Assert.Equal(2, inner.Calls);
    }
}
