using GitOps.Build.Hosting;

namespace GitOps.Build.Tasks;

[TaskName("CI")]
[TaskDescription("The offline pipeline: Tools, Lint, Template, Validate, with reports.")]
public sealed class CiTask : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context) { }
}
