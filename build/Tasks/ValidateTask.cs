using System.Diagnostics;
using GitOps.Build.Checks;
using GitOps.Build.Hosting;
using GitOps.Build.Reporting;

namespace GitOps.Build.Tasks;

[TaskName("Validate")]
[TaskDescription("Schema, policy, environment, consistency and sealing checks on the rendered objects and the Argo CD manifests (--key-file: sealed values must open).")]
[IsDependentOn(typeof(TemplateTask))]
public sealed class ValidateTask : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context)
    {
        var clock = Stopwatch.StartNew();
        var model = context.Model;
        var rendered = context.Rendered.ToDictionary(r => r.Unit, r => r.Objects);
        var options = CheckOptions.Default with
        {
            KeyBackup = context.Args.Reader.Has("key-file") ? SealingSupport.LoadKeys(context) : null,
        };
        var findings = CheckRunner.Run(model, rendered, options);
        context.Report.Record("validate", "repository", findings, clock.Elapsed);

        clock.Restart();
        context.Report.Record("validate", "sealing", SealingSupport.CheckRendered(context), clock.Elapsed);
        context.Log.Say($"validate: {model.Applications.Count} Applications, {model.Projects.Count} AppProjects, {rendered.Count} rendered units, {findings.Count} findings");
    }
}
