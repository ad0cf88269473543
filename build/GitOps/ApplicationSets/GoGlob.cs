using System.Text;
using System.Text.RegularExpressions;

namespace GitOps.Build.GitOps.ApplicationSets;

/// <summary>
/// The two glob dialects the git generator uses. Directories are matched with Go's path.Match
/// (<c>*</c> and <c>?</c> stop at '/', <c>[...]</c> classes, '\' escapes); files are matched as
/// <c>git ls-files -- &lt;pattern&gt;</c> matches a pathspec by default, where <c>*</c> (and so
/// <c>**</c>) also crosses '/'.
/// </summary>
public static class GoGlob
{
    public static bool MatchesDirectory(string pattern, string path) => Regex.IsMatch(path, ToRegex(pattern, crossSlash: false));

    public static bool MatchesFile(string pattern, string path) => Regex.IsMatch(path, ToRegex(pattern, crossSlash: true));

    private static string ToRegex(string pattern, bool crossSlash)
    {
        var sb = new StringBuilder("^");
        var any = crossSlash ? "." : "[^/]";
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            switch (c)
            {
                case '*':
                    sb.Append(any).Append('*');
                    break;
                case '?':
                    sb.Append(any);
                    break;
                case '\\' when i + 1 < pattern.Length:
                    sb.Append(Regex.Escape(pattern[++i].ToString()));
                    break;
                case '[':
                    var end = pattern.IndexOf(']', i + 2);
                    if (end < 0) { sb.Append(@"\["); break; }
                    var body = pattern[(i + 1)..end];
                    var negate = body.StartsWith('^') || body.StartsWith('!');
                    if (negate) body = body[1..];
                    sb.Append('[').Append(negate ? "^" : "").Append(body.Replace(@"\", @"\\").Replace("[", @"\[")).Append(']');
                    i = end;
                    break;
                default:
                    sb.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }
        return sb.Append('$').ToString();
    }
}
