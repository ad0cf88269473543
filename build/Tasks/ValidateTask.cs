using System.Diagnostics;
using GitOps.Build.Hosting;
using GitOps.Build.Reporting;

namespace GitOps.Build.Tasks;

[TaskName("Validate")]
[TaskDescription("Schema, policy, environment and consistency checks on the rendered objects and the Argo CD manifests.")]
[IsDependentOn(typeof(TemplateTask))]
public sealed class ValidateTask : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context)
    {
        var clock = Stopwatch.StartNew();
        var model = context.Model;
        context.Report.Record("validate", "repository", model.Problems, clock.Elapsed);
        context.Log.Say($"validate: {model.Applications.Count} Applications, {model.Projects.Count} AppProjects, {context.Rendered.Count} rendered units");
    }
}
