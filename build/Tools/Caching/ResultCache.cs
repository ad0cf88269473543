using System.Collections.Concurrent;
using System.Text.Json;
using GitOps.Build.IO;
using GitOps.Build.Tools.Processes;

namespace GitOps.Build.Tools.Caching;

/// <summary>
/// The one cache of tool results (helm lint, helm template, kubectl kustomize), keyed by content
/// (<see cref="CacheKey"/>: the tool binary, every input file's content, the arguments), in two layers:
/// <list type="bullet">
/// <item>this run's results, in memory: every result, failed ones too, so that the same run asked for
/// twice runs once (Lint and Template share one build of each overlay);</item>
/// <item>successful results on disk (one JSON file per result under <c>&lt;folder&gt;/&lt;kind&gt;/</c>),
/// so that an unchanged unit is not run again by the next run either. Written atomically, without
/// the tool's standard error (its log may quote a value, a failure's text a secret one: a failure is
/// never written, and runs again next time). A damaged entry is a miss. The folder is bounded: when
/// a write takes it over <see cref="CapBytes"/>, the least recently used entries (a hit refreshes
/// an entry's time) are deleted until it is back under nine tenths of the cap.</item>
/// </list>
/// A result on disk is read only by the build of the program that wrote it (<see cref="Program"/>):
/// what is kept is not the tool's output alone but what this program made of it (kustomize's origin
/// annotations rewritten relative to the repository, standard error dropped), and a result is kept
/// only after this program's checks passed its inputs (the YAML limits a kustomize build's inputs are
/// held to before it runs). Another build may do either differently, and a result it kept must not
/// stand in for what this one would make or refuse.
/// </summary>
/// <param name="folder">Where results are kept between runs; null: this run only (--no-cache).</param>
/// <param name="program">The build of the program results are kept for; null: the running one (<see cref="RunningProgram"/>).</param>
public sealed class ResultCache(string? folder, long capBytes = ResultCache.DefaultCapBytes, string? program = null)
{
    public const long DefaultCapBytes = 500L * 1024 * 1024;

    /// <summary>The kinds of result kept, each a folder of its own.</summary>
    public const string HelmLint = "helm-lint", HelmTemplate = "helm-template", Kustomize = "kustomize";

    public static readonly IReadOnlyList<string> Kinds = [HelmLint, HelmTemplate, Kustomize];

    private readonly ConcurrentDictionary<string, Lazy<ProcessResult>> _thisRun = new(StringComparer.Ordinal);
    private readonly Lock _sizeLock = new();
    private long? _size;

    public string? Folder { get; } = folder;

    /// <summary>The build of the program this cache reads and writes results for: part of every entry's name on disk.</summary>
    public string Program { get; } = program ?? RunningProgram;

    /// <summary>
    /// The running build of the program: its assembly's module version id, which a deterministic
    /// compiler derives from the program's source, so it changes when the program does and only then
    /// (a rebuild of the same source keeps its cache).
    /// </summary>
    public static string RunningProgram { get; } = typeof(ResultCache).Assembly.ManifestModule.ModuleVersionId.ToString("N");

    public long CapBytes { get; } = capBytes;

    /// <summary>The result of the run <paramref name="key"/> stands for: from this run, from disk, or by running it.</summary>
    /// <param name="lasting">
    /// False when the key cannot cover everything the run reads (it fetches from the network, whose
    /// content may change under the same name): then the result is shared within this run only.
    /// </param>
    /// <remarks>An exception (a time limit, a cancellation) is not a result: the next call runs again.</remarks>
    public ProcessResult GetOrRun(string kind, string key, Func<ProcessResult> run, bool lasting = true)
    {
        var id = kind + "/" + key;
        var entry = _thisRun.GetOrAdd(id, _ => new Lazy<ProcessResult>(() => ReadOrRun(kind, key, run, lasting)));
        try
        {
            return entry.Value;
        }
        catch
        {
            _thisRun.TryRemove(KeyValuePair.Create(id, entry));
            throw;
        }
    }

    private ProcessResult ReadOrRun(string kind, string key, Func<ProcessResult> run, bool lasting)
    {
        var path = Folder is null || !lasting ? null : Path.Combine(Folder, kind, $"{key}.{Program}.json");
        if (path != null && Read(path) is { } hit) return hit;
        var result = run();
        if (!result.Succeeded) return result;
        // What a successful tool writes to standard error is its log, not its result: dropped, from
        // the disk and from this result alike, so that a hit and a miss look the same.
        result = result with { Error = "" };
        if (path != null) Write(path, result);
        return result;
    }

    private static ProcessResult? Read(string path)
    {
        try
        {
            var hit = JsonSerializer.Deserialize(File.ReadAllBytes(path), ResultCacheJson.Default.ProcessResult);
            if (hit is not { Succeeded: true }) return null;
            try { File.SetLastWriteTimeUtc(path, DateTime.UtcNow); } // used now: the last to be evicted
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
            return hit;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null; // not there, or damaged: a miss
        }
    }

    private void Write(string path, ProcessResult result)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(result, ResultCacheJson.Default.ProcessResult);
        if (bytes.Length > CapBytes / 2) return; // a result that alone fills half the cache is not worth everything else in it
        try
        {
            var folder = Path.GetDirectoryName(path)!;
            Directory.CreateDirectory(folder);
            if (new DirectoryInfo(folder).LinkTarget != null) return; // never write (or later delete) through a link
            AtomicFile.WriteAllBytes(path, bytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return; // the cache is an optimisation: a read-only or full disk only costs the next run
        }
        lock (_sizeLock)
        {
            // Measured once, then counted: a full listing per write would cost more than the write.
            _size = _size is { } known ? known + bytes.Length : Measure().Sum(f => f.Length);
            if (_size > CapBytes) _size = Evict(CapBytes * 9 / 10);
        }
    }

    /// <summary>Deletes the least recently used entries until the folder holds at most <paramref name="target"/> bytes; returns what it holds then.</summary>
    private long Evict(long target)
    {
        var entries = Measure().OrderBy(f => f.LastWriteTimeUtc).ToList();
        var size = entries.Sum(f => f.Length);
        foreach (var entry in entries)
        {
            if (size <= target) break;
            var length = entry.Length; // (a deleted file has no length to ask for)
            try
            {
                entry.Delete();
                size -= length;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
        return size;
    }

    /// <summary>The entries on disk: regular files in the kinds' folders, none reached through a link.</summary>
    private IEnumerable<FileInfo> Measure()
    {
        if (Folder is null) yield break;
        foreach (var kind in Kinds)
        {
            var dir = new DirectoryInfo(Path.Combine(Folder, kind));
            if (!dir.Exists || dir.LinkTarget != null) continue;
            foreach (var file in dir.EnumerateFiles("*.json"))
            {
                if (file.LinkTarget == null) yield return file;
            }
        }
    }

    /// <summary>How many bytes the entries on disk hold now.</summary>
    public long SizeOnDisk => Measure().Sum(f => f.Length);
}
