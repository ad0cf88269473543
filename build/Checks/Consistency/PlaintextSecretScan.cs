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
            // A key with no value (null, or an empty string: a chart's secret left for the cluster to fill) holds nothing secret.
            if (target.Manifest.Body[field] is JsonObject values
                && values.Where(v => v.Value is not null && v.Value.ToString().Length > 0).Select(v => v.Key).ToList() is { Count: > 0 } keys)
            {
                sink.Add(Rules.PlaintextSecret, target, "/" + field,
                    $"Secret {target.Manifest.Name} carries {keys.Count} plain value(s) under {field} ({string.Join(", ", keys)})");
            }
        }
    }
}
