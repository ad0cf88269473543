using GitOps.Build.Checks.Consistency;
using GitOps.Build.Checks.Environment;
using GitOps.Build.Checks.Policy;
using GitOps.Build.Checks.Schema;
using GitOps.Build.Findings;
using GitOps.Build.GitOps;
using GitOps.Build.Manifests;

namespace GitOps.Build.Checks.Runner;

/// <summary>
/// Validate's entry point: every schema, policy, environment and consistency rule over the
/// repository model, the objects each Application renders, and the repository's YAML files.
/// Findings come back ordered by file and line with suppressions applied; files are relative to
/// the repository root.
/// </summary>
public static class CheckRunner
{
    /// <param name="scope">Which findings to report (a --shard job's share); every finding when null.
    /// The rules still see everything rendered: scopes of custom resources and overlaps need it.</param>
    public static IReadOnlyList<Finding> Run(RepositoryModel model,
        IReadOnlyDictionary<string, IReadOnlyList<ManifestObject>> renderedByUnitId, CheckOptions options, CheckScope? scope = null) =>
        Check(model, renderedByUnitId, options, scope).Findings;

    /// <summary>
    /// The problems met while reading the repository (GITOPS-PATH, GITOPS-VALUES, APPSET-*, YAML-PARSE)
    /// that no annotation suppresses: those about an Application are suppressed by its annotation,
    /// those about a file have no object. Validate reports them, and Diff for the working tree.
    /// </summary>
    public static IReadOnlyList<Finding> LoadProblems(RepositoryModel model)
    {
        var applications = model.Applications.ToLookup(a => ($"Application/{a.Name}", model.Relative(a.Manifest.File)));
        // A finding on a rendered Application names the file that made it; its own file is the rendered artifact.
        return model.Problems.Where(p => !Suppressions.IsSuppressed(p, applications[(p.Object, p.RenderedFile ?? p.File)].FirstOrDefault()?.Manifest)).ToList();
    }

    /// <summary>
    /// <see cref="Run"/>, and when the scope leaves overlaps to MergeReports (a --shard job), the
    /// objects its Applications deploy, for the overlap check over every job's (objects.json).
    /// </summary>
    public static CheckResult Check(RepositoryModel model,
        IReadOnlyDictionary<string, IReadOnlyList<ManifestObject>> renderedByUnitId, CheckOptions options, CheckScope? scope = null)
    {
        scope ??= CheckScope.Everything;
        var sink = new FindingSink(options);
        foreach (var problem in scope.RepositoryWide ? LoadProblems(model) : []) sink.Add(problem);

        var deployments = Deployments.Collect(model, renderedByUnitId);
        var everything = deployments.All;
        var scopes = new Scopes(everything, model.Projects);

        foreach (var target in everything.Where(t => scope.Owns(t.Application))) SchemaChecks.Check(target, sink);

        foreach (var (app, objects) in deployments.ByApplication.Where(kv => scope.Owns(kv.Key)))
        {
            DuplicateObjects.Check(objects, scopes.IsClusterScoped, sink);
            foreach (var target in objects)
            {
                NamespaceCheck.Check(target, scopes.IsClusterScoped(target), model.Projects, options, sink);
                PlaintextSecretScan.Check(target, sink);
            }
            PolicyChecks.Check(objects, options, sink);
        }

        var namespaces = deployments.All.Where(o => o.Manifest.Group.Length == 0 && o.Manifest.Kind == "Namespace").Select(o => o.Manifest.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var app in model.Applications.Where(scope.Owns))
        {
            var appTarget = deployments.ApplicationTargets[app];
            var landed = deployments.ByApplication[app].Where(o => o.Manifest.Namespace is { Length: > 0 } ns && Deployments.LandsIn(model, app, o.Manifest, app.EffectiveNamespace) is not null).ToList();
            SyncPolicyRules.Check(app, model.EnvironmentOf(app), model.Environments, appTarget, sink, landed);
            DestinationRule.Check(app, appTarget, sink);
            ProjectRules.Check(app, appTarget, model, deployments.ByApplication.GetValueOrDefault(app) ?? [], scopes, sink, namespaces, deployments.Sources);
        }
        if (scope.RepositoryWide && scope.Overlaps) OverlapRule.Check(deployments.ByApplication.Values.SelectMany(list => list), scopes, sink, model.Applications);
        var deployed = scope.Overlaps ? null
            : OverlapRule.Index(deployments.ByApplication.Where(kv => scope.Owns(kv.Key)).SelectMany(kv => kv.Value), scopes, model.Applications);

        // Plaintext Secrets were judged on the deployed objects above; the values files Applications read, and
        // the files they deploy, are read for sealed values. A file nothing deploys is no finding's business.
        var valuesFiles = RepositoryFiles.ValuesFiles(model);
        foreach (var file in scope.RepositoryWide ? RepositoryFiles.DeployedYamlFiles(model, options) : [])
        {
            UnsealedValueScan.CheckFile(file, model.Relative(file), options, sink, valuesFiles.Contains(file));
        }

        var findings = sink.Unsuppressed(everything)
            .Distinct()
            .OrderBy(f => f.File, StringComparer.Ordinal)
            .ThenBy(f => f.Line)
            .ThenBy(f => f.RuleId, StringComparer.Ordinal)
            .ToList();
        return new CheckResult(findings, deployed);
    }
}

/// <summary>What <see cref="CheckRunner.Check"/> found, and the deployed objects it leaves to MergeReports (null when it ran the overlap check itself).</summary>
public sealed record CheckResult(IReadOnlyList<Finding> Findings, IReadOnlyList<DeployedObject>? DeployedObjects);
