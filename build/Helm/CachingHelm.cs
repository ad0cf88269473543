using System.Collections.Concurrent;
using GitOps.Build.Tools.Caching;
using GitOps.Build.Tools.Processes;

namespace GitOps.Build.Helm;

/// <summary>
/// helm lint and helm template through the result cache (<see cref="ResultCache"/>). The key covers
/// everything helm reads: the helm binary, every file of the chart, the content of every values file
/// (not its path), and all other arguments. Same inputs, same output: an unchanged Application is not
/// rendered again, and any change to the chart, the values or helm itself misses the cache. What is
/// kept, and what never is (a failure, helm's log), is the cache's rule.
/// </summary>
public sealed class CachingHelm(IHelm inner, ResultCache cache) : IHelm
{
    public ProcessResult Lint(HelmLintSettings settings) =>
        cache.GetOrRun(ResultCache.HelmLint, Key(settings, HelmArguments.Lint(settings)), () => inner.Lint(settings));

    public ProcessResult Template(HelmTemplateSettings settings) =>
        cache.GetOrRun(ResultCache.HelmTemplate, Key(settings, HelmArguments.Template(settings)), () => inner.Template(settings));

    public ProcessResult Pull(HelmPullSettings settings) => inner.Pull(settings);

    private string Key(HelmChartSettings settings, Cake.Core.IO.ProcessArgumentBuilder arguments)
    {
        using var key = new CacheKey();
        key.Tool(settings.ToolPath?.FullPath ?? "helm");
        // Paths leave the arguments and enter the key by content: a temporary file holding the
        // same inline values, or the same chart in another checkout, is the same input.
        foreach (var file in settings.ValueFiles) key.Text("values").Content(file);
        foreach (var argument in ArgumentItems.Of(arguments))
        {
            key.Text(argument == settings.Chart ? "<chart>" : settings.ValueFiles.Contains(argument) ? "<values>" : argument);
        }
        key.Text(_chartDigests.GetOrAdd(settings.Chart, CacheKey.Digest));
        return key.Value();
    }

    /// <summary>
    /// A chart's files, read and hashed once per run although every environment lints and renders
    /// it (charts are not edited while the build program runs; values files are hashed per call).
    /// </summary>
    private readonly ConcurrentDictionary<string, string> _chartDigests = new();
}
