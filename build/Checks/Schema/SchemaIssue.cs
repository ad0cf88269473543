using GitOps.Build.Findings;

namespace GitOps.Build.Checks.Schema;

/// <summary>One schema problem at a JSON pointer inside an object.</summary>
public sealed record SchemaIssue(Rule Rule, string Pointer, string Message);
