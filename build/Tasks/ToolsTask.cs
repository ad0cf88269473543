using GitOps.Build.Arguments;
using GitOps.Build.Arguments.Settings;
using Cake.Core.Diagnostics;
using GitOps.Build.Hosting;
using GitOps.Build.Reporting;
using GitOps.Build.Tools;

namespace GitOps.Build.Tasks;

[TaskName("Tools")]
[TaskArguments(typeof(ToolPathSettings))]
[TaskDescription("Finds or installs the pinned helm and kubectl (checksums verified) and prints their versions.")]
public sealed class ToolsTask : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context)
    {
        foreach (var spec in new[] { ToolSpec.Helm, ToolSpec.Kubectl })
        {
            var tool = context.Tool(spec);
            context.Log.Say($"{tool.Name,-8} {tool.Version,-8} {tool.Path} ({tool.Origin})");
        }
    }
}
