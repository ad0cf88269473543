using System.Diagnostics;
using GitOps.Build.Arguments;
using GitOps.Build.Arguments.Settings;
using GitOps.Build.Checks;
using GitOps.Build.Checks.Runner;
using GitOps.Build.GitOps;
using GitOps.Build.Hosting;
using GitOps.Build.Primitives;

namespace GitOps.Build.Tasks;

[TaskName("Validate")]
[TaskArguments(typeof(RepositorySettings), typeof(RenderSettings), typeof(CertificateSettings), typeof(ValidateSettings), typeof(ShardSettings))]
[TaskDescription("Schema, policy, environment, consistency and sealing checks on the rendered objects and the Argo CD manifests (--key-file: sealed values must open).")]
[IsDependentOn(typeof(TemplateTask))]
public sealed class ValidateTask : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context)
    {
        var clock = Stopwatch.StartNew();
        var model = context.Model;
        if (model.EnvironmentsByName() is { Count: > 0 } byName) context.Log.Say(EnvironmentInference.Describe(byName, declared: !model.Environments.Inferred));
        var rendered = context.Rendered.ToDictionary(r => r.Unit, r => r.Objects);
        // Sealed values are checked against the repository's certificate when it loads; a broken
        // or expired certificate is SEALING-CERT's finding, and the shape check falls back to 4096 bits.
        var certificate = SealingSupport.Certificate(context);
        var options = CheckOptions.For(context.Repository.Config) with { SealingCertificate = certificate.Certificate };
        // A problem Lint or Template already reported (a value file they refused to render without)
        // is not reported again: the model's problems are Validate's, unless a stage met them first.
        var reported = context.Report.Findings.ToHashSet();
        var result = CheckRunner.Check(model, rendered, options, context.Shard.Scope);
        var findings = result.Findings.Where(f => !reported.Contains(f)).ToList();
        // A --shard job leaves overlaps between Applications to MergeReports, from what each job deploys.
        context.Report.DeployedObjects = result.DeployedObjects;
        context.Report.Record("validate", "repository", findings, clock.Elapsed);

        clock.Restart();
        context.Report.Record("validate", "sealing", SealingSupport.CheckRendered(context, certificate), clock.Elapsed); // SEALING-CERT, -MALFORMED, -LABEL (--key-file)
        context.Log.Say($"validate: {model.Applications.Count} Applications, {model.Projects.Count} AppProjects, {rendered.Count} rendered units, {findings.Count} findings");
    }
}
