namespace GitOps.Build.Primitives;

/// <summary>
/// Every glob the program matches, each in the dialect of the Argo CD code it stands in for, all
/// through one linear-time matcher (<see cref="GlobPattern"/>): a pattern from a repository can never
/// make a match take more than time proportional to the text.
/// </summary>
public static class Glob
{
    /// <summary>
    /// Argo CD's util/glob (github.com/gobwas/glob) with no separator: <c>*</c> and <c>?</c> match any
    /// character, <c>[abc]</c>, <c>[a-z]</c>, <c>[!a]</c>, <c>{a,b}</c>, <c>\</c> escapes. What Argo CD uses for
    /// AppProject destinations and resource kinds and for a directory source's include/exclude; the
    /// repository configuration's <c>exclude:</c> paths use it too.
    /// </summary>
    public static readonly GlobDialect Argo = new(Separator: null, DoubleStarCrosses: true, Braces: true, Negations: "!");

    /// <summary>Argo CD's util/glob with '/' as separator (AppProject sourceRepos): <c>*</c> stays within a segment, <c>**</c> crosses.</summary>
    public static readonly GlobDialect ArgoPath = Argo with { Separator = '/' };

    /// <summary>Go's path.Match (the git generator's directories): <c>*</c> and <c>?</c> stop at '/', <c>[^a]</c> (or <c>[!a]</c>), no braces.</summary>
    public static readonly GlobDialect GoPath = new(Separator: '/', DoubleStarCrosses: false, Braces: false, Negations: "^!");

    /// <summary>A git pathspec as <c>git ls-files -- &lt;pattern&gt;</c> matches it by default (the git generator's files): <c>*</c> also crosses '/'.</summary>
    public static readonly GlobDialect GitPathspec = new(Separator: null, DoubleStarCrosses: true, Braces: false, Negations: "!^");

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string, GlobDialect), GlobPattern> Compiled = new();

    /// <summary><paramref name="value"/> matches <paramref name="pattern"/> in Argo CD's glob (<see cref="Argo"/>).</summary>
    public static bool Matches(string pattern, string value) => Matches(pattern, value, Argo);

    public static bool Matches(string pattern, string value, GlobDialect dialect)
    {
        if (pattern == "*" && dialect.Separator == null) return true;
        // Patterns are few (a repository's projects and generators); a bound keeps a hostile one's variety from growing the cache.
        if (Compiled.Count > 4096) Compiled.Clear();
        return Compiled.GetOrAdd((pattern, dialect), key => GlobPattern.Compile(key.Item1, key.Item2)).Matches(value);
    }
}
