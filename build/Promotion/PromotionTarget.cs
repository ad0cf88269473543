namespace GitOps.Build.Promotion;

/// <summary>
/// One app in one environment and the values file that sets its image tag: the Argo CD Application
/// labelled app.kubernetes.io/name=&lt;App&gt; and environment=&lt;Environment&gt;, and its environment-specific value file.
/// </summary>
/// <param name="OverriddenBy">Set when something rendered after the values file (an Application's helm parameters or
/// inline values) also sets the tag, so editing the file would change nothing; says what and where.</param>
public sealed record PromotionTarget(string App, string Environment, string ValuesFile, string? OverriddenBy = null);

/// <summary>Result of linting, rendering and validating a target with a given values file.</summary>
public sealed record ValidationOutcome(bool Succeeded, IReadOnlyList<string> Problems)
{
    public static ValidationOutcome Success { get; } = new(true, []);

    public static ValidationOutcome Failure(params string[] problems) => new(false, problems);
}
