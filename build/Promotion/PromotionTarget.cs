namespace GitOps.Build.Promotion;

/// <summary>
/// One app in one environment and the values file that sets its image tag: the Argo CD Application
/// labelled app.kubernetes.io/name=&lt;App&gt; and environment=&lt;Environment&gt;, and its environment-specific value file.
/// </summary>
public sealed record PromotionTarget(string App, string Environment, string ValuesFile);

/// <summary>Result of linting, rendering and validating a target with a given values file.</summary>
public sealed record ValidationOutcome(bool Succeeded, IReadOnlyList<string> Problems)
{
    public static ValidationOutcome Success { get; } = new(true, []);

    public static ValidationOutcome Failure(params string[] problems) => new(false, problems);
}
