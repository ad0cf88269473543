using GitOps.Build.IO;

namespace GitOps.Build.Tests.IO;

/// <summary>
/// IO.RepoPath: how paths are shown relative to a root, and containment that is separator-aware
/// and follows symlinks (a link inside the repository may point anywhere).
/// </summary>
public sealed class RepoPathTests : IDisposable
{
    // Holds r/ (the root) and r-outside/ (a sibling whose name starts with the root's).
    private readonly string _base = Directory.CreateTempSubdirectory("repopath-").FullName;

    private string Root => Path.Combine(_base, "r");

    public RepoPathTests()
    {
        Directory.CreateDirectory(Path.Combine(Root, "gitops", "apps"));
        File.WriteAllText(Path.Combine(Root, "gitops", "apps", "values.yaml"), "a: 1\n");
        Directory.CreateDirectory(Path.Combine(_base, "r-outside"));
        File.WriteAllText(Path.Combine(_base, "r-outside", "secret.yaml"), "b: 2\n");
    }

    public void Dispose() => Directory.Delete(_base, recursive: true);

    // ---- Relative ----

    [Fact]
    public void Relative_of_a_path_inside_the_root_uses_forward_slashes()
    {
        Assert.Equal("gitops/apps/values.yaml", RepoPath.Relative(Root, Path.Combine(Root, "gitops", "apps", "values.yaml")));
    }

    [Fact]
    public void Relative_resolves_a_relative_path_against_the_root_and_normalises_dots()
    {
        Assert.Equal("gitops/apps/values.yaml", RepoPath.Relative(Root, "gitops/x/../apps/./values.yaml"));
        Assert.Equal("gitops/apps/values.yaml", RepoPath.Relative(Root + Path.DirectorySeparatorChar, Path.Combine(Root, "gitops", "apps", "values.yaml")));
    }

    [Fact]
    public void Relative_of_a_path_outside_the_root_is_the_full_path()
    {
        var outside = Path.Combine(_base, "r-outside", "secret.yaml");
        Assert.Equal(outside, RepoPath.Relative(Root, outside));
        // A sibling whose name starts with the root's is outside too, never "../r-outside/..." nor "-outside/...".
        Assert.DoesNotContain("..", RepoPath.Relative(Root, outside));
        Assert.Equal(_base, RepoPath.Relative(Root, _base)); // the parent itself
        Assert.Equal(Path.Combine(_base, "other.yaml"), RepoPath.Relative(Root, "../other.yaml"));
    }

    [Fact]
    public void Relative_of_the_root_itself_is_a_dot()
    {
        Assert.Equal(".", RepoPath.Relative(Root, Root));
        Assert.Equal(".", RepoPath.Relative(Root, Root + Path.DirectorySeparatorChar));
    }

    [Fact]
    public void Relative_keeps_a_file_whose_name_starts_with_two_dots_inside()
    {
        Assert.Equal("..hidden.yaml", RepoPath.Relative(Root, Path.Combine(Root, "..hidden.yaml")));
    }

    // ---- IsUnder (lexical) ----

    [Theory]
    [InlineData("/r", "/r", true)]
    [InlineData("/r", "/r/", true)]
    [InlineData("/r/", "/r", true)]
    [InlineData("/r", "/r/a/b.yaml", true)]
    [InlineData("/r", "/r-outside", false)]
    [InlineData("/r", "/r-outside/a.yaml", false)]
    [InlineData("/r", "/rr", false)]
    [InlineData("/r/a", "/r", false)]
    [InlineData("/r", "/r/../r-outside", false)]
    [InlineData("/r", "/r/a/../b", true)]
    [InlineData("/", "/anything", true)]
    public void IsUnder_is_separator_aware(string root, string path, bool expected)
    {
        Assert.Equal(expected, RepoPath.IsUnder(root, path));
    }

    [Fact]
    public void IsUnder_is_case_sensitive_as_the_file_system_here_is()
    {
        Assert.False(RepoPath.IsUnder("/r", "/R/a"));
    }

    // ---- IsInside (symlinks followed) ----

    [Fact]
    public void IsInside_is_true_for_a_plain_file_inside_and_false_for_a_sibling_with_the_same_prefix()
    {
        Assert.True(RepoPath.IsInside(Root, Path.Combine(Root, "gitops", "apps", "values.yaml")));
        Assert.True(RepoPath.IsInside(Root, Root));
        Assert.False(RepoPath.IsInside(Root, Path.Combine(_base, "r-outside", "secret.yaml")));
    }

    [Fact]
    public void A_symlink_inside_the_root_pointing_outside_is_not_inside()
    {
        var fileLink = Path.Combine(Root, "gitops", "apps", "values-prod.yaml");
        File.CreateSymbolicLink(fileLink, Path.Combine(_base, "r-outside", "secret.yaml"));
        var dirLink = Path.Combine(Root, "gitops", "elsewhere");
        Directory.CreateSymbolicLink(dirLink, Path.Combine(_base, "r-outside"));

        Assert.True(RepoPath.IsUnder(Root, fileLink)); // lexically it looks inside
        Assert.False(RepoPath.IsInside(Root, fileLink));
        Assert.False(RepoPath.IsInside(Root, Path.Combine(dirLink, "secret.yaml")));
        Assert.False(RepoPath.IsInside(Root, Path.Combine(dirLink, "not-yet-there.yaml")));
    }

    [Fact]
    public void A_relative_symlink_that_climbs_out_of_the_root_is_not_inside()
    {
        var link = Path.Combine(Root, "gitops", "apps", "escape.yaml");
        File.CreateSymbolicLink(link, Path.Combine("..", "..", "..", "r-outside", "secret.yaml"));

        Assert.False(RepoPath.IsInside(Root, link));
        Assert.Equal(Path.Combine(_base, "r-outside", "secret.yaml"), RepoPath.RealPath(link));
    }

    [Fact]
    public void A_symlink_outside_the_root_pointing_inside_is_inside()
    {
        var link = Path.Combine(_base, "r-outside", "shortcut");
        Directory.CreateSymbolicLink(link, Path.Combine(Root, "gitops"));

        Assert.False(RepoPath.IsUnder(Root, Path.Combine(link, "apps", "values.yaml")));
        Assert.True(RepoPath.IsInside(Root, Path.Combine(link, "apps", "values.yaml")));
    }

    [Fact]
    public void A_root_reached_through_a_symlink_contains_its_real_files()
    {
        var rootLink = Path.Combine(_base, "root-link");
        Directory.CreateSymbolicLink(rootLink, Root);

        Assert.True(RepoPath.IsInside(rootLink, Path.Combine(Root, "gitops", "apps", "values.yaml")));
        Assert.True(RepoPath.IsInside(Root, Path.Combine(rootLink, "gitops", "apps", "values.yaml")));
        Assert.False(RepoPath.IsInside(rootLink, Path.Combine(_base, "r-outside", "secret.yaml")));
    }

    [Fact]
    public void A_chain_of_links_is_followed_to_its_end()
    {
        // inside/a -> inside/b -> outside: the last hop leaves the root.
        var b = Path.Combine(Root, "b.yaml");
        File.CreateSymbolicLink(b, Path.Combine(_base, "r-outside", "secret.yaml"));
        var a = Path.Combine(Root, "a.yaml");
        File.CreateSymbolicLink(a, "b.yaml");

        Assert.Equal(Path.Combine(_base, "r-outside", "secret.yaml"), RepoPath.RealPath(a));
        Assert.False(RepoPath.IsInside(Root, a));
    }

    [Fact]
    public void A_link_met_twice_but_not_in_a_cycle_is_resolved_both_times()
    {
        // r/apps-link -> r-outside/d, and r-outside/d/back -> r/apps-link/file.yaml: resolving "back" passes
        // through apps-link again, legitimately, and must end at the real file outside the root.
        var d = Path.Combine(_base, "r-outside", "d");
        Directory.CreateDirectory(d);
        File.WriteAllText(Path.Combine(d, "file.yaml"), "c: 3\n");
        var appsLink = Path.Combine(Root, "apps-link");
        Directory.CreateSymbolicLink(appsLink, d);
        File.CreateSymbolicLink(Path.Combine(d, "back.yaml"), Path.Combine(appsLink, "file.yaml"));

        Assert.Equal(Path.Combine(d, "file.yaml"), RepoPath.RealPath(Path.Combine(appsLink, "back.yaml")));
        Assert.False(RepoPath.IsInside(Root, Path.Combine(appsLink, "back.yaml")));
    }

    [Fact]
    public void A_symlink_cycle_ends_instead_of_recursing_for_ever()
    {
        // a -> b -> a: the operating system refuses to open it (ELOOP); RealPath must return, not overflow the stack.
        var a = Path.Combine(Root, "loop-a");
        var b = Path.Combine(Root, "loop-b");
        File.CreateSymbolicLink(a, b);
        File.CreateSymbolicLink(b, a);
        var self = Path.Combine(Root, "self");
        File.CreateSymbolicLink(self, self);

        var real = RepoPath.RealPath(Path.Combine(a, "values.yaml"));
        Assert.True(RepoPath.IsUnder(Root, real), real);
        Assert.True(RepoPath.IsUnder(Root, RepoPath.RealPath(self)));
        Assert.Throws<IOException>(() => File.ReadAllText(a)); // and nothing can be read through it
    }

    // ---- RealPath ----

    [Fact]
    public void RealPath_of_a_file_not_yet_created_under_a_symlinked_folder_is_below_the_links_target()
    {
        var link = Path.Combine(Root, "artifacts");
        Directory.CreateSymbolicLink(link, Path.Combine(_base, "r-outside"));

        Assert.Equal(Path.Combine(_base, "r-outside", "reports", "junit.xml"), RepoPath.RealPath(Path.Combine(link, "reports", "junit.xml")));
        Assert.Equal(Path.Combine(_base, "r-outside", "new.yaml"), RepoPath.RealPath(Path.Combine(link, "new.yaml")));
    }

    [Fact]
    public void RealPath_of_a_plain_path_is_the_normalised_full_path()
    {
        Assert.Equal(Path.Combine(Root, "gitops", "apps", "values.yaml"), RepoPath.RealPath(Path.Combine(Root, "gitops", ".", "x", "..", "apps", "values.yaml")));
        Assert.Equal(Path.Combine(Root, "nothing", "here.yaml"), RepoPath.RealPath(Path.Combine(Root, "nothing", "here.yaml")));
    }

    [Fact]
    public void RealPath_of_a_dangling_link_is_where_it_points()
    {
        var link = Path.Combine(Root, "dangling.yaml");
        File.CreateSymbolicLink(link, Path.Combine(_base, "r-outside", "gone.yaml"));

        Assert.Equal(Path.Combine(_base, "r-outside", "gone.yaml"), RepoPath.RealPath(link));
        Assert.False(RepoPath.IsInside(Root, link)); // writing through it would create a file outside
    }

    // ---- ResolveInside ----

    [Fact]
    public void ResolveInside_resolves_against_the_base_folder()
    {
        var chart = Path.Combine(Root, "gitops", "apps");
        Assert.Equal(Path.Combine(Root, "gitops", "apps", "values.yaml"), RepoPath.ResolveInside(Root, chart, "values.yaml"));
        Assert.Equal(Path.Combine(Root, "gitops", "shared.yaml"), RepoPath.ResolveInside(Root, chart, "../shared.yaml"));
        Assert.Equal(Root, RepoPath.ResolveInside(Root, chart, "../.."));
    }

    [Theory]
    [InlineData("../../../r-outside/secret.yaml")]
    [InlineData("../../..")]
    [InlineData("../../x/../../r-outside")]
    [InlineData("../../../r-outside/../../etc/passwd")]
    public void ResolveInside_refuses_dot_dot_escapes(string relative)
    {
        Assert.Null(RepoPath.ResolveInside(Root, Path.Combine(Root, "gitops", "apps"), relative));
    }

    [Fact]
    public void ResolveInside_accepts_a_path_that_climbs_out_and_back_in()
    {
        Assert.Equal(Path.Combine(Root, "gitops", "apps", "values.yaml"),
            RepoPath.ResolveInside(Root, Path.Combine(Root, "gitops", "apps"), "../../../r/gitops/apps/values.yaml"));
    }

    [Fact]
    public void ResolveInside_refuses_an_absolute_path_outside_and_a_link_out()
    {
        var chart = Path.Combine(Root, "gitops", "apps");
        Assert.Null(RepoPath.ResolveInside(Root, chart, Path.Combine(_base, "r-outside", "secret.yaml")));
        File.CreateSymbolicLink(Path.Combine(chart, "values-link.yaml"), Path.Combine(_base, "r-outside", "secret.yaml"));
        Assert.Null(RepoPath.ResolveInside(Root, chart, "values-link.yaml"));
        Assert.Equal(Path.Combine(chart, "values.yaml"), RepoPath.ResolveInside(Root, chart, Path.Combine(chart, "values.yaml")));
    }
}
