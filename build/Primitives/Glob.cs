using System.Text.RegularExpressions;

namespace GitOps.Build.Primitives;

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
