using System.Text.Json.Nodes;
using GitOps.Build.Findings;
using k8s.Models;

namespace GitOps.Build.Checks.Schema;

/// <summary>
/// Schema rules for one object: built-in kinds against the Kubernetes models, custom resources
/// against their CRD schema, anything else reported (as info) rather than silently passed.
/// </summary>
public static class SchemaChecks
{
    public static void Check(CheckedObject target, FindingSink sink)
    {
        var manifest = target.Manifest;
        if (manifest.ApiVersion.Length == 0 || manifest.Kind.Length == 0)
        {
            sink.Add(Rules.Required, target, manifest.ApiVersion.Length == 0 ? "/apiVersion" : "/kind",
                $"the object has no {(manifest.ApiVersion.Length == 0 ? "apiVersion" : "kind")}");
            return;
        }
        if (manifest.Group == "kustomize.config.k8s.io")
        {
            // Only a directory source reads one as an object (argo-cd#3181): said once, for what it is, not as a nameless object of an unknown kind.
            sink.Add(Rules.KustomizationAsManifest, target, "/kind",
                $"{manifest.Kind} file read as a manifest of {(target.Application is { } app ? $"Application {app.Name}'s" : "a")} directory source; Argo CD would apply it as an object, which no cluster serves, and the sync fails");
            return;
        }
        if (manifest.Text("/metadata/name") is not { Length: > 0 } && manifest.Text("/metadata/generateName") is not { Length: > 0 })
        {
            sink.Add(Rules.Required, target, "/metadata", $"{manifest.Kind} has no metadata.name");
        }

        IReadOnlyList<SchemaIssue> issues;
        if (KindCatalog.ModelFor(manifest.ApiVersion, manifest.Kind) is { } model)
        {
            issues = ModelSchemaWalker.Check(manifest.Body, model);
        }
        else if (CrdSchemas.Check(manifest.Body, manifest.Group, manifest.Kind) is { } crdIssues)
        {
            issues = manifest.Body["metadata"] is JsonObject metadata
                ? [.. crdIssues, .. ModelSchemaWalker.Check(metadata, typeof(V1ObjectMeta)).Select(i => i with { Pointer = "/metadata" + i.Pointer })]
                : crdIssues;
        }
        else if (KindCatalog.IsBuiltInGroup(manifest.Group) && KindCatalog.ServedVersions(manifest.Group, manifest.Kind) is { Count: > 0 } served)
        {
            sink.Add(Rules.ApiVersion, target, "/apiVersion",
                $"{manifest.Kind} is not served as {manifest.ApiVersion}; the Kubernetes API serves it as {string.Join(", ", served)}");
            return;
        }
        else
        {
            sink.Add(Rules.UnknownKind, target, "/kind",
                $"{manifest.ApiVersion} {manifest.Kind} has no built-in model or CRD schema here, so its fields are not checked");
            return;
        }
        foreach (var issue in issues)
        {
            sink.Add(issue.Rule, target, issue.Pointer, $"{manifest.Kind} {manifest.Name}: {issue.Message}");
        }
    }
}
