namespace GitOps.Build.Checks;

/// <summary>
/// One check with a stable id: what it verifies, how bad a failure is, and the one-line fix that
/// every finding of it carries. The ids are the contract with users (suppression annotations,
/// CI reports, docs/checks.md), so they never change meaning.
/// </summary>
public sealed record Rule(string Id, Severity Severity, string Category, string Summary, string Fix)
{
    /// <summary>The per-object annotation that suppresses this rule; its value must give the reason.</summary>
    public string SuppressionAnnotation => Suppressions.AnnotationPrefix + Id.ToLowerInvariant();

    public Finding At(string obj, string file, int line, string message, Severity? severity = null) =>
        new(Id, severity ?? Severity, obj, file, line, message, Fix);
}
