using Cake.Core;
using GitOps.Build.Arguments;
using Cake.Core.Diagnostics;
using GitOps.Build.Hosting;
using GitOps.Build.Reporting;
using GitOps.Build.Tools;

namespace GitOps.Build;

/// <summary>
/// What every task shares: Cake's context, the typed arguments, and (loaded once, when a task
/// first asks) the repository model.
/// </summary>
public sealed class BuildContext : FrostingContext
{
    /// <summary>Set by build.sh/build.ps1 to the folder they live in: the default repository root.</summary>
    public const string RootVariable = "GITOPS_BUILD_ROOT";

    public BuildContext(ICakeContext context) : base(context)
    {
        var reader = new ArgumentReader(context.Arguments);
        var working = context.Environment.WorkingDirectory.FullPath;
        Args = new BuildArguments(reader, working, DefaultRoot(context, working));
    }

    public BuildArguments Args { get; }

    private readonly Dictionary<string, ResolvedTool> _tools = [];

    /// <summary>The pinned tool, found or installed on first use (see ToolResolver for the order).</summary>
    public ResolvedTool Tool(ToolSpec spec)
    {
        lock (_tools)
        {
            if (_tools.TryGetValue(spec.Name, out var known)) return known;
            var configured = spec == ToolSpec.Helm ? Args.HelmPath : spec == ToolSpec.Kubectl ? Args.KubectlPath : null;
            var resolver = PinnedTools.Create(Args.RepositoryRoot, message => Log.Say(message));
            var resolved = resolver.ResolveAsync(spec, configured).GetAwaiter().GetResult();
            return _tools[spec.Name] = resolved;
        }
    }

    public string HelmPath => Tool(ToolSpec.Helm).Path;

    private static string? DefaultRoot(ICakeContext context, string working)
    {
        var fromScript = context.Environment.GetEnvironmentVariable(RootVariable);
        if (!string.IsNullOrEmpty(fromScript)) return fromScript;
        // Run without the bootstrapper (dotnet run, IDE): the nearest folder holding Build.csproj.
        for (var dir = new DirectoryInfo(working); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Build.csproj"))) return dir.FullName;
        }
        return null;
    }
}
