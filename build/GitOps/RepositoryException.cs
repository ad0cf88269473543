namespace GitOps.Build.GitOps;

/// <summary>The repository cannot be read at all (no root app, unreadable YAML in it).</summary>
public sealed class RepositoryException(string message) : Exception(message);
