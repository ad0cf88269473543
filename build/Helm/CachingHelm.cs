using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GitOps.Build.IO;

namespace GitOps.Build.Helm;

/// <summary>
/// A content-addressed cache in front of helm lint and helm template. The key covers everything
/// helm reads: the helm binary, every file of the chart, the content of every values file (not
/// its path), and all other arguments. Same inputs, same output: an unchanged Application is not
/// rendered again, and any change to the chart, the values or helm itself misses the cache.
/// Entries are written atomically; a damaged entry is ignored. Only successful results are kept,
/// without helm's log on standard error: a failure's text may quote a value (a secret that failed
/// values.schema.json), so it is never written to disk, and helm runs again next time.
/// </summary>
public sealed class CachingHelm(IHelm inner, string cacheFolder) : IHelm
{
    public HelmResult Lint(HelmLintSettings settings) =>
        Cached("lint", settings, HelmArguments.Lint(settings).Render(), () => inner.Lint(settings));

    public HelmResult Template(HelmTemplateSettings settings) =>
        Cached("template", settings, HelmArguments.Template(settings).Render(), () => inner.Template(settings));

    public HelmResult Pull(HelmPullSettings settings) => inner.Pull(settings);

    private HelmResult Cached(string command, HelmChartSettings settings, string arguments, Func<HelmResult> run)
    {
        var key = Key(command, settings, arguments);
        var path = Path.Combine(cacheFolder, command, key + ".json");
        if (File.Exists(path))
        {
            try
            {
                var hit = JsonSerializer.Deserialize(File.ReadAllText(path), HelmCacheJson.Default.HelmResult);
                if (hit != null) return hit;
            }
            catch (JsonException)
            {
                // a damaged entry is a miss
            }
        }
        var result = run();
        if (!result.Succeeded) return result;
        // What a successful helm writes to standard error is its log, not its result, and it may
        // quote a value too (lint runs a template's `fail` leniently and logs its message): dropped,
        // from the cache and from this result alike, so a hit and a miss look the same.
        result = result with { Error = "" };
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(result, HelmCacheJson.Default.HelmResult));
        return result;
    }

    private string Key(string command, HelmChartSettings settings, string arguments)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(string text) => AppendText(hash, text);
        void AddContent(string file) => AppendFile(hash, file);

        Add(command);
        var helm = settings.ToolPath?.FullPath ?? "helm";
        var info = new FileInfo(helm);
        Add($"{helm}|{(info.Exists ? info.Length : 0)}|{(info.Exists ? info.LastWriteTimeUtc.Ticks : 0)}");
        // Paths leave the arguments and enter the key by content: a temporary file holding the
        // same inline values, or the same chart in another checkout, is the same input.
        foreach (var file in settings.ValueFiles)
        {
            arguments = arguments.Replace(file, "<values>");
            Add("values");
            AddContent(file);
        }
        Add(arguments.Replace(settings.Chart, "<chart>"));
        Add(_chartDigests.GetOrAdd(settings.Chart, ChartDigest));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>
    /// A chart's files, read and hashed once per run although every environment lints and renders
    /// it (charts are not edited while the build program runs; values files are hashed per call).
    /// </summary>
    private readonly ConcurrentDictionary<string, string> _chartDigests = new();

    private static string ChartDigest(string chart)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        if (Directory.Exists(chart))
        {
            foreach (var file in Directory.EnumerateFiles(chart, "*", SearchOption.AllDirectories)
                         .Select(f => (Full: f, Relative: Path.GetRelativePath(chart, f).Replace('\\', '/')))
                         .OrderBy(f => f.Relative, StringComparer.Ordinal))
            {
                AppendText(hash, file.Relative);
                AppendFile(hash, file.Full);
            }
        }
        else if (File.Exists(chart))
        {
            AppendFile(hash, chart);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    // Every part is followed by a zero byte, so that "ab"+"c" and "a"+"bc" are different keys.
    private static void AppendText(IncrementalHash hash, string text)
    {
        hash.AppendData(Encoding.UTF8.GetBytes(text));
        hash.AppendData([0]);
    }

    private static void AppendFile(IncrementalHash hash, string file)
    {
        hash.AppendData(File.ReadAllBytes(file));
        hash.AppendData([0]);
    }
}
