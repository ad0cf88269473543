using System.Text.Json.Nodes;
using GitOps.Build.Findings;

namespace GitOps.Build.Checks.Consistency;

/// <summary>
/// No Secret with data or stringData in what an Application deploys: such a Secret is the secret in
/// plain text (base64 is an encoding, not encryption). Judged on the deployed objects only (a
/// directory source's files, what helm and kustomize render, as Argo CD would apply it), so a
/// committed Secret is one finding, and a file nothing deploys (a placeholder, an example, a
/// tool's config) none.
/// </summary>
public static class PlaintextSecretScan
{
    /// <summary>A parsed object (in a repository file or in rendered output).</summary>
    public static void Check(CheckedObject target, FindingSink sink)
    {
        if (target.Manifest.Group.Length != 0 || target.Manifest.Kind != "Secret") return;
        foreach (var field in new[] { "data", "stringData" })
        {
            if (target.Manifest.Body[field] is JsonObject { Count: > 0 } values)
            {
                sink.Add(Rules.PlaintextSecret, target, "/" + field,
                    $"Secret {target.Manifest.Name} carries {values.Count} plain value(s) under {field} ({string.Join(", ", values.Select(v => v.Key))})");
            }
        }
    }
}
