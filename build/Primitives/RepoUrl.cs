namespace GitOps.Build.Primitives;

/// <summary>Compares Git repository URLs the way people write them (with or without .git, /).</summary>
public static class RepoUrl
{
    public static string Normalize(string url) =>
        url.Trim().TrimEnd('/').ToLowerInvariant() is var u && u.EndsWith(".git") ? u[..^4] : url.Trim().TrimEnd('/').ToLowerInvariant();

    public static bool Same(string a, string b) => Normalize(a) == Normalize(b);
}
