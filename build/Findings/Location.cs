namespace GitOps.Build.Findings;

/// <summary>A finding's place: the repository file and line, and the rendered artifact and line when it is about a rendered object.</summary>
public sealed record Location(string File, int Line, string? RenderedFile, int RenderedLine)
{
    /// <summary>file:line, as a message names another place.</summary>
    public string Place => $"{File}:{Line}";

    /// <summary>The finding <paramref name="rule"/> gives here.</summary>
    public Finding Finding(Rule rule, string obj, string message, Severity? severity = null) =>
        rule.At(obj, File, Line, message, severity) with { RenderedFile = RenderedFile, RenderedLine = RenderedLine };
}
