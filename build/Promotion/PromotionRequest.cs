namespace GitOps.Build.Promotion;

/// <summary>What the operator asked for: <c>Promote --app --to [--from | --tag] [--force]</c>.</summary>
/// <param name="FromEnvironment">Take the tag this environment runs (default: the one before <paramref name="ToEnvironment"/>).</param>
/// <param name="Tag">Set this tag instead of taking one from another environment.</param>
/// <param name="Force">Allow skipping environments in the promotion order. Never relaxes the immutable-tag rule.</param>
public sealed record PromotionRequest(string App, string ToEnvironment, string? FromEnvironment = null, string? Tag = null, bool Force = false);
