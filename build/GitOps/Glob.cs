using System.Text.RegularExpressions;

namespace GitOps.Build.GitOps;

/// <summary>The shell-style globs Argo CD accepts in projects and directory includes: *, ?, {a,b}.</summary>
public static class Glob
{
    public static bool Matches(string pattern, string value)
    {
        if (pattern == "*") return true;
        var regex = "^" + Regex.Escape(pattern)
            .Replace(@"\*", ".*")
            .Replace(@"\?", ".")
            .Replace(@"\{", "(")
            .Replace(@"}", ")")
            .Replace(",", "|") + "$";
        return Regex.IsMatch(value, regex);
    }
}

/// <summary>Compares Git repository URLs the way people write them (with or without .git, /).</summary>
public static class RepoUrl
{
    public static string Normalize(string url) =>
        url.Trim().TrimEnd('/').ToLowerInvariant() is var u && u.EndsWith(".git") ? u[..^4] : url.Trim().TrimEnd('/').ToLowerInvariant();

    public static bool Same(string a, string b) => Normalize(a) == Normalize(b);
}
