using GitOps.Build.Arguments;
using GitOps.Build.Arguments.Settings;
using GitOps.Build.Hosting;
using GitOps.Build.Primitives;

namespace GitOps.Build.Tasks;

[TaskName("Tools")]
[TaskArguments(typeof(ToolPathSettings))]
[TaskDescription("Finds or installs the pinned helm (the one that renders) and kubectl (checksums verified) and prints their versions.")]
public sealed class ToolsTask : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context)
    {
        foreach (var line in context.ToolSet.Describe()) context.Log.Say(line);
    }
}
