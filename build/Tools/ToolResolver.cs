using System.Security.Cryptography;

namespace GitOps.Build.Tools;

/// <summary>Where a tool was found and which version it reports.</summary>
public sealed record ResolvedTool(string Name, string Path, string Version, string Origin);

/// <summary>Every source was tried and none gave a usable binary; the message lists them all.</summary>
public sealed class ToolNotFoundException(string message) : Exception(message);

/// <summary>
/// Finds or installs a pinned tool, in this order: the configured path (argument or variable),
/// PATH when its version is the pinned one, the project's cache, then each download source.
/// A downloaded binary is verified against the pinned SHA-256 inside a scratch folder and only
/// then renamed into the cache, so an interrupted or tampered download never leaves a
/// usable-looking file behind.
/// </summary>
public sealed class ToolResolver(
    string cacheRoot,
    IReadOnlyList<IToolSource> sources,
    IVersionProbe probe,
    Action<string>? progress = null,
    string? platform = null,
    Func<string, string?>? environment = null)
{
    private static readonly SemaphoreSlim InstallLock = new(1, 1);
    private readonly string _platform = platform ?? ToolSpec.CurrentPlatform;
    private readonly Func<string, string?> _environment = environment ?? Environment.GetEnvironmentVariable;

    public string CachedPath(ToolSpec spec) => System.IO.Path.Combine(cacheRoot, spec.Name, spec.Version, spec.ExecutableName);

    public async Task<ResolvedTool> ResolveAsync(ToolSpec spec, string? configuredPath, CancellationToken cancellationToken = default)
    {
        var variable = spec.Name.ToUpperInvariant();
        configuredPath ??= _environment(variable) is { Length: > 0 } fromVariable ? fromVariable : null;
        if (configuredPath != null)
        {
            if (!File.Exists(configuredPath))
            {
                throw new ToolNotFoundException($"{spec.Name}: {configuredPath} (from --{spec.Name} or {variable}) does not exist. Fix the path or unset it to let the build install {spec.Name} {spec.Version}.");
            }
            return new ResolvedTool(spec.Name, configuredPath, await probe.VersionAsync(spec, configuredPath, cancellationToken) ?? "unknown", "configured");
        }

        var tried = new List<string>();
        var onPath = FindOnPath(spec.ExecutableName);
        if (onPath != null)
        {
            var version = await probe.VersionAsync(spec, onPath, cancellationToken);
            if (version == spec.Version) return new ResolvedTool(spec.Name, onPath, version, "PATH");
            tried.Add($"PATH: {onPath} is {version ?? "of unknown version"}, not {spec.Version}");
        }
        else
        {
            tried.Add($"PATH: no {spec.ExecutableName}");
        }

        var cached = CachedPath(spec);
        if (File.Exists(cached)) return new ResolvedTool(spec.Name, cached, spec.Version, "cache");

        await InstallLock.WaitAsync(cancellationToken);
        try
        {
            if (File.Exists(cached)) return new ResolvedTool(spec.Name, cached, spec.Version, "cache");
            if (!spec.Sha256ByPlatform.TryGetValue(_platform, out var pin))
            {
                tried.Add($"download: no pinned SHA-256 for {_platform}");
                throw NotFound(spec, tried);
            }
            foreach (var source in sources)
            {
                var description = source.Describe(spec);
                progress?.Invoke($"{spec.Name} {spec.Version}: fetching from {description}...");
                try
                {
                    await InstallFromAsync(source, spec, pin, cached, cancellationToken);
                    progress?.Invoke($"{spec.Name} {spec.Version}: installed to {cached} (SHA-256 verified)");
                    return new ResolvedTool(spec.Name, cached, spec.Version, description);
                }
                catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    tried.Add($"{description}: {e.Message}");
                }
            }
            throw NotFound(spec, tried);
        }
        finally
        {
            InstallLock.Release();
        }
    }

    private async Task InstallFromAsync(IToolSource source, ToolSpec spec, string pin, string target, CancellationToken cancellationToken)
    {
        var folder = System.IO.Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(folder);
        // The scratch folder sits next to the target so the final rename stays on one file system.
        var scratch = System.IO.Path.Combine(folder, ".partial-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(scratch);
        try
        {
            var candidate = await source.FetchAsync(spec, _platform, scratch, cancellationToken);
            var actual = await Sha256Async(candidate, cancellationToken);
            if (!string.Equals(actual, pin, StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidDataException($"checksum mismatch: got SHA-256 {actual}, pinned {pin}; the file was discarded");
            }
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(candidate, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
                    UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
            }
            File.Move(candidate, target, overwrite: true);
        }
        finally
        {
            IO.FolderDelete.Tree(scratch);
        }
    }

    private static async Task<string> Sha256Async(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
    }

    private string? FindOnPath(string executable) => FindOnPath(executable, _environment);

    /// <summary>The first <paramref name="executable"/> in the folders of PATH (as <paramref name="environment"/> gives it); null when none holds one.</summary>
    public static string? FindOnPath(string executable, Func<string, string?> environment)
    {
        var path = environment("PATH") ?? "";
        foreach (var dir in path.Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = System.IO.Path.Combine(dir, executable);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    private static ToolNotFoundException NotFound(ToolSpec spec, IEnumerable<string> tried) =>
        new($"{spec.Name} {spec.Version} could not be found or installed. Tried:\n  - {string.Join("\n  - ", tried)}\n" +
            $"Install {spec.Name} {spec.Version} on PATH, or pass --{spec.Name}=<path> (or set {spec.Name.ToUpperInvariant()}).");
}
