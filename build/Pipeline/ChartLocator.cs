using GitOps.Build.Config;
using GitOps.Build.Findings;
using GitOps.Build.GitOps;
using GitOps.Build.Helm;
using GitOps.Build.Primitives;

namespace GitOps.Build.Pipeline;

/// <summary>
/// Where a unit's chart is on disk. A local chart is its folder. A chart from a Helm repository
/// comes from the cache (.cache/charts) or, when the run may reach its host (<see cref="FetchPolicy"/>)
/// and it answers, is pulled into it; otherwise the unit is reported as not rendered, never skipped silently.
/// </summary>
public sealed class ChartLocator(IHelm helm, string helmPath, string cacheRoot, FetchPolicy network)
{
    /// <param name="offline">Offline: nothing is pulled; otherwise only from the hosts <paramref name="allowedHosts"/> lists.</param>
    public ChartLocator(IHelm helm, string helmPath, string cacheRoot, bool offline, IReadOnlyList<string>? allowedHosts = null)
        : this(helm, helmPath, cacheRoot, new FetchPolicy(offline, allowedHosts ?? [])) { }

    public string? Locate(RenderUnit unit, RepositoryModel model, out Finding? notRendered)
    {
        notRendered = null;
        if (unit.IsLocal) return unit.ChartPath;

        var folder = Path.Combine(cacheRoot, RepoUrl.Normalize(unit.RemoteRepoUrl ?? "").Replace("://", "_").Replace('/', '_').Replace(':', '_'));
        // An OCI chart's name may hold the registry path (bitnamicharts/mongodb): one file name all the same.
        var fileName = $"{unit.RemoteChart!.Replace('/', '_')}-{unit.RemoteVersion}.tgz";
        var archive = Path.Combine(folder, fileName);
        if (File.Exists(archive)) return archive;
        var refusal = network.Refusal(OciChart.IsRegistry(unit.RemoteRepoUrl) ? OciChart.Reference(unit.RemoteRepoUrl!, unit.RemoteChart) : unit.RemoteRepoUrl ?? "");
        if (refusal == null)
        {
            var scratch = Path.Combine(folder, ".partial-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(scratch);
            try
            {
                var pulled = helm.Pull(new HelmPullSettings
                {
                    ToolPath = helmPath, Chart = unit.RemoteChart!, RepoUrl = unit.RemoteRepoUrl!, Version = unit.RemoteVersion,
                    Destination = scratch, ToolTimeout = TimeSpan.FromSeconds(60),
                });
                var file = Directory.EnumerateFiles(scratch, "*.tgz").FirstOrDefault();
                if (pulled.Succeeded && file != null)
                {
                    File.Move(file, archive, overwrite: true);
                    return archive;
                }
            }
            finally
            {
                IO.FolderDelete.Tree(scratch);
            }
        }
        var app = unit.Application;
        var why = refusal ?? "the repository is unreachable";
        notRendered = new SourceFiles(model).Locate(app, unit.SourcePointer + "/chart").Finding(Rules.RemoteChart, $"Application/{app.Name}",
            $"not rendered (remote chart {unit.RemoteChart} {unit.RemoteVersion} from {unit.RemoteRepoUrl}: not in the cache, and {why}); " +
            $"put {fileName} in {IO.RepoPath.Relative(model.Root, folder)}/ (helm pull) to render it offline");
        return null;
    }
}
