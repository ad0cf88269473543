using GitOps.Build.GitOps;
using GitOps.Build.Primitives;
using GitOps.Build.Manifests;

namespace GitOps.Build.Tests.Primitives;

/// <summary>
/// The one glob matcher: linear by construction (its step count is held to a bound in the pattern's
/// size times the text's length, for the patterns that make a backtracking matcher exponential), and
/// each dialect as the Argo CD code it stands in for reads it.
/// </summary>
public sealed class GlobTests
{
    /// <summary>The bound the matcher documents: (2 × states + 2 × pattern length) × (text length + 1).</summary>
    private static void AssertLinear(string pattern, string text, GlobDialect dialect, bool expected)
    {
        var compiled = GlobPattern.Compile(pattern, dialect);
        Assert.Equal(expected, compiled.Matches(text, out var steps));
        var bound = (2L * compiled.StateCount + 2L * pattern.Length) * (text.Length + 1);
        Assert.True(steps <= bound, $"{steps} steps for a {pattern.Length}-character pattern on {text.Length} characters (bound {bound})");
        Assert.True(compiled.StateCount <= 2 * pattern.Length + 2, $"{compiled.StateCount} states for {pattern.Length} characters");
    }

    public static TheoryData<string, string> Backtracking => new()
    {
        // The reported one: an AppProject destination namespace against a long namespace.
        { string.Concat(Enumerable.Repeat("*a", 40)) + "*b", new string('a', 5000) },
        { string.Concat(Enumerable.Repeat("a*", 40)) + "b", new string('a', 5000) },
        { string.Concat(Enumerable.Repeat("?*", 60)) + "!", new string('x', 4000) },
        // Braces: 2^30 spellings if expanded, 30 small alternatives here.
        { string.Concat(Enumerable.Repeat("{a,*a}", 30)) + "b", new string('a', 3000) },
        { string.Concat(Enumerable.Repeat("[a-z]*", 40)) + "0", new string('q', 5000) },
    };

    [Theory]
    [MemberData(nameof(Backtracking))]
    public void Patterns_that_backtrack_exponentially_take_linear_steps_in_every_dialect(string pattern, string text)
    {
        AssertLinear(pattern, text, Glob.Argo, false);
        AssertLinear(pattern, text, Glob.ArgoPath, false);
        AssertLinear(pattern.Replace("{a,*a}", "*a"), text, Glob.GoPath, false);
        AssertLinear(pattern.Replace("{a,*a}", "*a"), text, Glob.GitPathspec, false);
        AssertLinear(pattern, text + "b", Glob.Argo, pattern.EndsWith('b'));
    }

    [Fact]
    public void An_AppProject_destination_glob_is_matched_in_linear_steps()
    {
        var pattern = string.Concat(Enumerable.Repeat("*a", 40)) + "*b";
        var project = new AppProject(ManifestReader.Read($$"""
            apiVersion: argoproj.io/v1alpha1
            kind: AppProject
            metadata: {name: p}
            spec:
              destinations:
                - {server: "*", namespace: "{{pattern}}"}
                - {server: "*", namespace: "team-*"}
            """, "p.yaml")[0]);

        Assert.False(project.AllowsDestination("https://kubernetes.default.svc", null, new string('a', 60)));
        Assert.True(project.AllowsDestination("https://kubernetes.default.svc", null, new string('a', 60) + "b"));
        Assert.True(project.AllowsDestination("https://kubernetes.default.svc", null, "team-x"));
        AssertLinear(pattern, new string('a', 60), Glob.Argo, false);
    }

    [Theory]
    // Argo CD's util/glob (gobwas), no separator: * crosses '/', classes, braces, escapes.
    [InlineData("*", "a/b", true)]
    [InlineData("team-*", "team-a", true)]
    [InlineData("team-*", "other", false)]
    [InlineData("{dev,prod}-*", "prod-eu", true)]
    [InlineData("{dev,prod}-*", "test-eu", false)]
    [InlineData("{a,{b,c}}x", "cx", true)]
    [InlineData("[a-c]?", "bz", true)]
    [InlineData("[!a-c]?", "bz", false)]
    [InlineData("\\*", "*", true)]
    [InlineData("\\*", "a", false)]
    [InlineData("*.yaml", "sub/x.yaml", true)]
    [InlineData("[a", "[a", false)]     // malformed: matches nothing, as gobwas refuses it
    [InlineData("{a,b", "a", false)]
    [InlineData("", "", true)]
    public void Argo_dialect(string pattern, string value, bool expected) => Assert.Equal(expected, Glob.Matches(pattern, value, Glob.Argo));

    [Theory]
    // sourceRepos: '/' separates, ** crosses it.
    [InlineData("https://github.com/org/*", "https://github.com/org/repo", true)]
    [InlineData("https://github.com/org/*", "https://github.com/org/group/repo", false)]
    [InlineData("https://github.com/org/**", "https://github.com/org/group/repo", true)]
    public void Argo_path_dialect(string pattern, string value, bool expected) => Assert.Equal(expected, Glob.Matches(pattern, value, Glob.ArgoPath));

    [Theory]
    // Go's path.Match: * and ? stop at '/', [^a] negates, no braces.
    [InlineData("apps/*", "apps/web", true)]
    [InlineData("apps/*", "apps/web/envs", false)]
    [InlineData("apps/*/envs/?", "apps/web/envs/a", true)]
    [InlineData("apps/[^w]*", "apps/web", false)]
    [InlineData("apps/{web}", "apps/web", false)]
    [InlineData("apps/{web}", "apps/{web}", true)]
    public void Go_path_dialect(string pattern, string value, bool expected) => Assert.Equal(expected, Glob.Matches(pattern, value, Glob.GoPath));

    [Theory]
    // A git pathspec: * crosses '/'.
    [InlineData("config/*.json", "config/a/b.json", true)]
    [InlineData("config/**/*.json", "config/a/b.json", true)]
    [InlineData("config/*.json", "other/a.json", false)]
    public void Git_pathspec_dialect(string pattern, string value, bool expected) => Assert.Equal(expected, Glob.Matches(pattern, value, Glob.GitPathspec));

    [Fact]
    public void Deny_entries_refuse_what_they_name_as_Argo_CD_does()
    {
        var project = new AppProject(ManifestReader.Read("""
            apiVersion: argoproj.io/v1alpha1
            kind: AppProject
            metadata: {name: p}
            spec:
              sourceRepos: ["*", "!https://github.com/evil/*"]
              destinations:
                - {server: "*", namespace: "*"}
                - {server: "*", namespace: "!kube-system"}
            """, "p.yaml")[0]);

        Assert.True(project.AllowsDestination("https://kubernetes.default.svc", null, "apps"));
        Assert.False(project.AllowsDestination("https://kubernetes.default.svc", null, "kube-system"));
        Assert.True(project.AllowsSource("https://github.com/good/repo.git"));
        Assert.False(project.AllowsSource("https://github.com/evil/repo.git"));
    }
}
