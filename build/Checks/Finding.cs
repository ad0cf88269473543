namespace GitOps.Build.Checks;

public enum Severity { Error, Warning, Info }

/// <summary>
/// One problem found in the repository or in what it renders: which rule, on which object, at
/// which file and line, what is wrong, and the one-line fix. Every report format is built from these.
/// </summary>
public sealed record Finding(
    string RuleId,
    Severity Severity,
    string Object,
    string File,
    int Line,
    string Message,
    string? Fix = null)
{
    public string Location => Line > 0 ? $"{File}:{Line}" : File;
}
