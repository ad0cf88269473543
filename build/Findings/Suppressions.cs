using GitOps.Build.Manifests;

namespace GitOps.Build.Findings;

/// <summary>
/// Per-object suppression, as kube-linter and Polaris do it: the annotation
/// <c>checks.gitops.build/ignore-&lt;rule-id-lowercase&gt;: "&lt;reason&gt;"</c> on the object silences that
/// rule for that object. The reason is mandatory: an empty one suppresses nothing and is itself a
/// finding, so every exception in the repository says why it exists.
/// </summary>
public static class Suppressions
{
    public const string AnnotationPrefix = "checks.gitops.build/ignore-";

    /// <summary>
    /// True when one of the objects the finding is about gives a reason to suppress its rule. The
    /// Lint and Template stages and the sealing checks call it with the Application (and the
    /// rendered SealedSecret): their findings have no CheckedObject, and there may be nothing rendered.
    /// </summary>
    public static bool IsSuppressed(Finding finding, params IEnumerable<ManifestObject?> subjects) =>
        subjects.Any(s => s != null && ReasonFor(s, finding.RuleId) is { Length: > 0 });

    /// <summary>The findings that no annotation of the given objects suppresses.</summary>
    public static IReadOnlyList<Finding> Unsuppressed(IEnumerable<Finding> findings, params IReadOnlyList<ManifestObject?> subjects) =>
        findings.Where(f => !IsSuppressed(f, subjects)).ToList();

    /// <summary>The suppression reason an object gives for a rule: null when none, "" when empty.</summary>
    public static string? ReasonFor(ManifestObject subject, string ruleId) =>
        Annotations(subject).TryGetValue(AnnotationPrefix + ruleId.ToLowerInvariant(), out var reason) ? reason.Trim() : null;

    /// <summary>The object's annotations with an empty value (<c>key:</c>, YAML null) kept as "": it is still an annotation.</summary>
    private static Dictionary<string, string> Annotations(ManifestObject subject) =>
        subject.At("/metadata/annotations") is System.Text.Json.Nodes.JsonObject map
            ? map.ToDictionary(kv => kv.Key, kv => kv.Value?.ToString() ?? "")
            : [];

    /// <summary>
    /// What is wrong with an object's suppression annotations: one naming no known rule, or giving no
    /// reason (which then suppresses nothing). <paramref name="origin"/> is the object's origin as
    /// messages end with (" (from charts/x/templates/a.yaml)", or "").
    /// </summary>
    /// <param name="at">The finding of a rule at a pointer of the subject, with a message: where the caller says the subject is (a rendered object: the repository file that made it).</param>
    public static IEnumerable<Finding> AnnotationProblems(ManifestObject subject, Func<Rule, string, string, Finding> at, string origin)
    {
        foreach (var (key, value) in Annotations(subject))
        {
            if (!key.StartsWith(AnnotationPrefix, StringComparison.Ordinal)) continue;
            var pointer = "/metadata/annotations/" + JsonPointer.Escape(key);
            var id = key[AnnotationPrefix.Length..];
            if (Rules.Find(id) == null)
            {
                yield return at(Rules.SuppressionUnknownRule, pointer, $"annotation {key} names no known rule '{id}'{origin}");
            }
            else if (string.IsNullOrWhiteSpace(value))
            {
                yield return at(Rules.SuppressionReason, pointer, $"annotation {key} has no reason, so {id.ToUpperInvariant()} is not suppressed{origin}");
            }
        }
    }
}
