namespace GitOps.Build.Promotion;

/// <summary>
/// One app in one environment and the values file that sets its image tag: the Argo CD Application
/// labelled app.kubernetes.io/name=&lt;App&gt; and environment=&lt;Environment&gt;, and its environment-specific value file.
/// </summary>
/// <param name="OverriddenBy">Set when something rendered after the values file (an Application's helm parameters or
/// inline values) also sets the tag, so editing the file would change nothing; says what and where.</param>
/// <param name="TagPath">Where the tag lives in <paramref name="ValuesFile"/> when it is not the Promoter's tag path: for a
/// Kustomize overlay, <c>images[&lt;i&gt;].newTag</c> of its kustomization file (which is then <paramref name="ValuesFile"/>).</param>
/// <param name="Refusal">Why this target cannot be promoted into (no or no single images: entry for the app); Promote refuses with it.</param>
public sealed record PromotionTarget(string App, string Environment, string ValuesFile, string? OverriddenBy = null,
    string? TagPath = null, string? Refusal = null)
{
    /// <summary>The path of the tag in the file, or null when there is none to read (a Kustomize target without its images: entry).</summary>
    public string? TagPathOr(string defaultTagPath) => TagPath ?? (Refusal is null ? defaultTagPath : null);
}

/// <summary>Result of linting, rendering and validating a target with a given values file.</summary>
public sealed record ValidationOutcome(bool Succeeded, IReadOnlyList<string> Problems)
{
    public static ValidationOutcome Success { get; } = new(true, []);

    public static ValidationOutcome Failure(params string[] problems) => new(false, problems);
}
