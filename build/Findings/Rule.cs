namespace GitOps.Build.Findings;

/// <summary>
/// One check with a stable id: what it verifies, how bad a failure is, and the one-line fix that
/// every finding of it carries. The ids are the contract with users (suppression annotations,
/// CI reports, docs/checks.md), so they never change meaning.
/// </summary>
public sealed record Rule(string Id, Severity Severity, string Category, string Summary, string Fix)
{
    /// <summary>The per-object annotation that suppresses this rule; its value must give the reason.</summary>
    public string SuppressionAnnotation => Suppressions.AnnotationPrefix + Id.ToLowerInvariant();

    /// <summary>
    /// The rule's messages carry text another tool wrote (helm, the YAML parser), which may quote a
    /// value: every message is passed through <see cref="MessageRedactor"/> before it becomes a finding.
    /// </summary>
    public bool QuotesToolOutput { get; init; }

    /// <summary>How docs/checks.md states the severity, when a finding may override it (e.g. "error / warning").</summary>
    public string? SeverityNote { get; init; }

    /// <summary>How docs/checks.md states whether and by which object the rule is suppressed, when not the usual per-object annotation.</summary>
    public string? SuppressionNote { get; init; }

    public string SeverityText => SeverityNote ?? Severity.ToString().ToLowerInvariant();

    /// <summary>The one way a finding is made: this rule's id and fix, the message redacted when it quotes tool output.</summary>
    public Finding At(string obj, string file, int line, string message, Severity? severity = null) =>
        new(Id, severity ?? Severity, obj, file, line, QuotesToolOutput ? MessageRedactor.Redact(message) : message, Fix);

    /// <summary>
    /// A finding a rule made in an earlier run, read back from that run's findings.json (MergeReports
    /// joins --shard jobs' reports): taken as written, since its id, fix and redaction were a rule's then.
    /// </summary>
    public static Finding Reported(string ruleId, Severity severity, string obj, string file, int line, string message, string? fix) =>
        new(ruleId, severity, obj, file, line, message, fix);
}
