namespace GitOps.Build.Tools;

/// <summary>
/// Remembers what a binary on PATH said its version was, keyed by its path, size and modification
/// time, so a helm or kubectl on PATH is asked once rather than on every run (each ask costs a
/// process start, ~50-100 ms). A binary that changes in any of those is asked again.
/// </summary>
public sealed class CachedVersionProbe(IVersionProbe inner, string cacheFile) : IVersionProbe
{
    public async Task<string?> VersionAsync(ToolSpec spec, string path, CancellationToken cancellationToken)
    {
        var info = new FileInfo(path);
        if (!info.Exists) return null;
        var key = $"{spec.Name}|{info.FullName}|{info.Length}|{info.LastWriteTimeUtc.Ticks}";
        var known = Read();
        if (known.TryGetValue(key, out var cached)) return cached.Length == 0 ? null : cached;

        var version = await inner.VersionAsync(spec, path, cancellationToken);
        known[key] = version ?? "";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(cacheFile)!);
            IO.AtomicFile.WriteAllText(cacheFile, string.Join('\n', known.Select(kv => $"{kv.Key}\t{kv.Value}")) + "\n");
        }
        catch (IOException)
        {
            // the memo is an optimisation; a read-only cache folder only costs the next probe
        }
        return version;
    }

    private Dictionary<string, string> Read()
    {
        var known = new Dictionary<string, string>();
        if (!File.Exists(cacheFile)) return known;
        foreach (var line in File.ReadAllLines(cacheFile))
        {
            var tab = line.LastIndexOf('\t');
            if (tab > 0) known[line[..tab]] = line[(tab + 1)..];
        }
        return known;
    }
}
