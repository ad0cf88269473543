namespace GitOps.Build.Findings;

public enum Severity { Error, Warning, Info }

/// <summary>
/// One problem found in the repository or in what it renders: which rule, on which object, at
/// which file and line, what is wrong, and the one-line fix. Every report format is built from these.
/// Only a <see cref="Rule"/> makes one (<see cref="Rule.At"/>): the rule id, the fix and the
/// redaction of tool output then come from the registry (<see cref="Rules"/>), never from a call site.
/// </summary>
public sealed record Finding
{
    internal Finding(string ruleId, Severity severity, string obj, string file, int line, string message, string? fix = null)
    {
        RuleId = ruleId;
        Severity = severity;
        Object = obj;
        File = file;
        Line = line;
        Message = message;
        Fix = fix;
    }

    public string RuleId { get; }
    public Severity Severity { get; private init; }
    public string Object { get; }
    public string File { get; }
    public int Line { get; }
    public string Message { get; }
    public string? Fix { get; }

    /// <summary>
    /// For a finding on a rendered object: the rendered artifact and line (artifacts/rendered/...),
    /// shown as the related location, while <see cref="File"/> names the repository file that made it.
    /// </summary>
    public string? RenderedFile { get; init; }
    public int RenderedLine { get; init; }

    public string Location => Line > 0 ? $"{File}:{Line}" : File;

    /// <summary>The same finding with its file and message as another place shows them (a scratch copy's paths made relative).</summary>
    internal Finding Relocated(string file, string message) => new(RuleId, Severity, Object, file, Line, message, Fix);

    /// <summary>The same finding at another severity (the repository configuration's rules:).</summary>
    internal Finding WithSeverity(Severity severity) => this with { Severity = severity };
}
