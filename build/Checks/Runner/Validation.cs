using System.Diagnostics;
using Cake.Core.Diagnostics;
using GitOps.Build.Checks.Consistency;
using GitOps.Build.Checks.Sealing;
using GitOps.Build.Findings;
using GitOps.Build.GitOps;
using GitOps.Build.Pipeline;
using GitOps.Build.Primitives;
using GitOps.Build.Sealing;
using GitOps.Build.Sealing.Operations;
using GitOps.Build.Session;

namespace GitOps.Build.Checks.Runner;

/// <summary>What Validate found: the repository's findings and the sealing findings, each with its time, and the objects left to MergeReports.</summary>
/// <param name="DeployedObjects">What this job's Applications deploy, for MergeReports' overlap check; null when the run checked overlaps itself.</param>
public sealed record ValidationResult(IReadOnlyList<Finding> Repository, TimeSpan RepositoryTime, IReadOnlyList<Finding> Sealing, TimeSpan SealingTime,
    IReadOnlyList<DeployedObject>? DeployedObjects);

/// <summary>
/// Validate: every rule of the check runner over the session's model and what was rendered, then the
/// sealing rules over the sealed values in it (SEALING-CERT, -MALFORMED, -LABEL with a key backup).
/// A finding a stage before it already reported (a value file Lint and Template refused to render
/// without) is not reported again.
/// </summary>
/// <param name="keyFile">--key-file: a key backup every sealed value must open with; null: values are checked for shape only.</param>
public sealed class Validation(RepositorySession session, CheckScope scope, string? keyFile, ICakeLog log)
{
    public ValidationResult Run(RenderedSet rendered, IReadOnlyCollection<Finding> alreadyReported)
    {
        var clock = Stopwatch.StartNew();
        var model = session.Model;
        if (model.EnvironmentsByName() is { Count: > 0 } byName) log.Say(EnvironmentInference.Describe(byName, declared: !model.Environments.Inferred));
        var result = CheckRunner.Check(model, rendered.ByUnit, CheckOptions.For(session), scope);
        var findings = result.Findings.Where(f => !alreadyReported.Contains(f)).ToList();
        var repositoryTime = clock.Elapsed;

        clock.Restart();
        var keys = new Lazy<KeyBackup?>(() => keyFile is null ? null : SealingInputs.Keys(keyFile, session.Relative(keyFile), log));
        var sealing = SealingRules.Check(session, rendered.Rendered, scope, keys);
        log.Say($"validate: {model.Applications.Count} Applications, {model.Projects.Count} AppProjects, {rendered.Rendered.Count} rendered units, {findings.Count} findings");
        return new ValidationResult(findings, repositoryTime, sealing, clock.Elapsed, result.DeployedObjects);
    }
}
