using GitOps.Build.Arguments;
using GitOps.Build.Arguments.Settings;
using GitOps.Build.Hosting;
using GitOps.Build.Primitives;
using GitOps.Build.Tools;

namespace GitOps.Build.Tasks;

[TaskName("Tools")]
[TaskArguments(typeof(ToolPathSettings))]
[TaskDescription("Finds or installs the pinned helm (the one that renders) and kubectl (checksums verified) and prints their versions.")]
public sealed class ToolsTask : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context)
    {
        // Only the helm this run renders with is installed: the other pinned one is named, not
        // fetched (a fresh clone would otherwise download a helm it never runs).
        var helm = context.ToolSet.HelmSpec;
        foreach (var spec in new[] { helm, ToolSpec.Kubectl })
        {
            var tool = context.ToolSet.Tool(spec);
            var note = spec != helm ? "" : tool.Origin == "configured" ? "; renders"
                : $"; renders, {string.Join(", ", HelmVersions.ByMajor.Where(kv => kv.Value != helm).Select(kv => $"helm {kv.Value.Version} with --helm-version={kv.Key}"))}";
            context.Log.Say($"{tool.Name,-8} {tool.Version,-8} {tool.Path} ({tool.Origin}{note})");
        }
    }
}
