using GitOps.Build.Config;

namespace GitOps.Build.Scaffolding;

/// <summary>
/// What NewEnvironment says to review about the policy it copied into the new environment. Placed before the
/// environment it copies (--before=prod), the new one gets that environment's policy as it is, prod's manual sync and
/// immutable tags included: a copy is never looser than what it copies, which is the safe choice, but an environment
/// before prod usually syncs automatically and takes moving tags, so what could be loosened is named.
/// </summary>
public static class CopiedPolicy
{
    /// <summary>"autoSync true, immutableTags false"; "autoSync not set" when the policy has no sync rule (autoSync left out is not false).</summary>
    public static string Flags(EnvironmentPolicy policy) =>
        $"autoSync {policy.AutoSync switch { true => "true", false => "false", null => "not set" }}, immutableTags {(policy.ImmutableTags ? "true" : "false")}";

    /// <summary>The line to review for <paramref name="copy"/>, the new environment's policy copied from <paramref name="place"/>'s environment, declared in <paramref name="file"/>.</summary>
    public static string Review(EnvironmentPolicy copy, EnvironmentPlace place, string file)
    {
        var source = place.Environment;
        var line = $"{copy.Name}: {Flags(copy)}{Requirements(copy)}{(copy.Namespace is null ? "" : $", namespace {copy.Namespace}")}, as {source}";
        if (!place.Before) return line + ".";
        var strict = new List<string>();
        if (copy.AutoSync == false) strict.Add("autoSync: true (sync automatically)");
        if (copy.ImmutableTags) strict.Add("immutableTags: false (take moving tags)");
        if (copy.MinReplicas > 1 || copy.RequireDisruptionBudget == true || copy.RequireAntiAffinity == true) strict.Add("a smaller require:");
        line += $", the environment it comes before: its policy is copied and kept, the safe choice (a copy is never looser than what it copies)";
        return strict.Count == 0 ? line + "."
            : line + $"; an environment before {source} is usually looser: set {string.Join(", ", strict)} under environments.{copy.Name} in {file} if {copy.Name} should be.";
    }

    /// <summary>", require: replicas 2, podDisruptionBudget true, ..." for what the policy requires beyond its flags; empty when nothing.</summary>
    private static string Requirements(EnvironmentPolicy policy)
    {
        var required = new List<string>();
        if (policy.MinReplicas is { } replicas) required.Add($"replicas {replicas}");
        if (policy.RequireDisruptionBudget is { } budget) required.Add($"podDisruptionBudget {(budget ? "true" : "false")}");
        if (policy.RequireAntiAffinity is { } affinity) required.Add($"antiAffinity {(affinity ? "true" : "false")}");
        return required.Count == 0 ? "" : $", require: {string.Join(", ", required)}";
    }
}
