namespace GitOps.Build.Git;

/// <summary>
/// A revision's tree holds what git itself would refuse to check out (an entry named <c>..</c>, a
/// separator in a name, a name twice): it is not written out. The message says which entry and what
/// to do instead.
/// </summary>
public sealed class GitTreeException(string message) : Exception(message);
