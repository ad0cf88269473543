using Cake.Core;
using GitOps.Build.Arguments;
using GitOps.Build.Arguments.Settings;
using GitOps.Build.Config;
using GitOps.Build.Hosting;
using GitOps.Build.Primitives;
using GitOps.Build.Tasks;

namespace GitOps.Build.Tests.Arguments;

public class ArgumentTests
{
    private static ArgumentBinder Binder(params (string Name, string Value)[] args) => Binder("/", args);

    private static ArgumentBinder Binder(string working, params (string Name, string Value)[] args) =>
        new(new CakeArguments(args.ToLookup(a => a.Name, a => a.Value, StringComparer.OrdinalIgnoreCase)), working, null);

    private static readonly IReadOnlyList<Type> AllTasks = TaskDiscovery.Discover([typeof(BuildContext).Assembly]).Select(t => t.Type).ToList();

    [Theory]
    [InlineData("90s", 90)]
    [InlineData("10m", 600)]
    [InlineData("1h30m", 5400)]
    [InlineData("2m30s", 150)]
    [InlineData("45", 45)]
    [InlineData("500ms", 0.5)]
    public void Durations_parse_as_operators_write_them(string text, double seconds)
    {
        Assert.True(Duration.TryParse(text, out var value));
        Assert.Equal(seconds, value.TotalSeconds, 3);
    }

    [Theory]
    [InlineData("ten minutes")]
    [InlineData("10x")]
    [InlineData("-5")]
    [InlineData("")]
    public void Bad_durations_are_refused(string text) => Assert.False(Duration.TryParse(text, out _));

    [Fact]
    public void A_duration_binds_and_a_bad_one_names_the_argument_and_the_form()
    {
        Assert.Equal(TimeSpan.FromSeconds(90), Binder(("timeout", "90s")).Get<ClusterSettings>().Timeout);
        Assert.Equal(TimeSpan.FromMinutes(10), Binder().Get<ClusterSettings>().Timeout);
        var error = Assert.Throws<UsageException>(() => Binder(("timeout", "soon")).Get<ClusterSettings>());
        Assert.Contains("--timeout=soon", error.Message);
        Assert.Contains("90s", error.Message);
    }

    [Fact]
    public void Integers_are_range_checked()
    {
        Assert.Equal(4, Binder(("parallel", "4")).Get<RenderSettings>().Parallel);
        var error = Assert.Throws<UsageException>(() => Binder(("parallel", "0")).Get<RenderSettings>());
        Assert.Contains("from 1 to 64", error.Message);
    }

    [Fact]
    public void Switches_accept_bare_and_explicit_values_and_refuse_others()
    {
        static bool Force(params (string, string)[] args) => Binder([("app", "web"), ("to", "prod"), .. args]).Get<PromoteSettings>().Force;
        Assert.True(Force(("force", "")));
        Assert.True(Force(("force", "true")));
        Assert.False(Force(("force", "false")));
        Assert.False(Force());
        Assert.Throws<UsageException>(() => Force(("force", "maybe")));
    }

    [Fact]
    public void Choices_list_what_is_allowed_and_suggest_the_closest()
    {
        Assert.Equal("namespace-wide", Binder(("scope", "Namespace-Wide"), ("input", "x")).Get<SealFileSettings>().Scope);
        var error = Assert.Throws<UsageException>(() => Binder(("scope", "stirct"), ("input", "x")).Get<SealFileSettings>());
        Assert.Contains("strict, namespace-wide, cluster-wide", error.Message);
        Assert.Contains("did you mean strict?", error.Message);
    }

    /// <summary>What the pre-run check makes of the repository arguments (BuildContext.Repository).</summary>
    private static RepositoryEntry Entry(ArgumentBinder binder)
    {
        var given = binder.Get<RepositorySettings>();
        return RepositoryEntry.Open(given.RepositoryRoot, given.RootApp, given.Projects, given.Environments);
    }

    [Fact]
    public void Paths_resolve_against_the_repository_root_or_where_the_operator_stands()
    {
        using var repo = new GitOps.RepoBuilder();
        var root = repo.Root;
        var binder = Binder("/work/here", ("root", root), ("artifacts", "out"), ("input", "backup.yaml"));
        Assert.Equal(root, binder.Get<RepositorySettings>().RepositoryRoot);
        Assert.Equal(Path.Combine(root, "out"), binder.Get<RenderSettings>().ArtifactsPath);
        // No root app where this repository keeps one, none given: the roots are found (null).
        Assert.Null(Entry(binder).RootAppPath);
        Assert.Equal(Path.Combine(root, "apps/root.yaml"), Entry(Binder(("root", root), ("root-app", "apps/root.yaml"))).RootAppPath);
        Assert.Equal("/work/here/backup.yaml", binder.Get<RestoreKeySettings>().Input);
    }

    [Fact]
    public void Binding_only_parses_and_a_missing_root_is_refused_when_it_is_resolved()
    {
        var binder = Binder(("root", "/no/such/repo"));
        Assert.Equal("/no/such/repo", binder.Get<RepositorySettings>().RepositoryRoot); // nothing looked up while binding
        var error = Assert.Throws<InputException>(() => Entry(binder));
        Assert.Contains("--root=/no/such/repo: no such folder", error.Message);
    }

    [Fact]
    public void Misspelled_arguments_are_refused_with_the_closest_name_before_anything_binds()
    {
        var binder = Binder(("app", "web"), ("to", "staging"), ("tagg", "v1.2.0"), ("preveiw", ""));
        var error = Assert.Throws<UsageException>(() => binder.Check(["Promote"], [typeof(PromoteTask)], AllTasks));
        Assert.Contains("unknown argument --tagg for Promote; did you mean --tag?", error.Message);
        Assert.Contains("unknown argument --preveiw for Promote; did you mean --preview?", error.Message);
    }

    [Fact]
    public void An_argument_of_another_target_names_that_target()
    {
        var error = Assert.Throws<UsageException>(() => Binder(("show", "")).Check(["Lint"], [typeof(LintTask), typeof(ToolsTask)], AllTasks));
        Assert.Contains("--show is not an argument of Lint (it is for Unseal)", error.Message);
    }

    [Fact]
    public void A_required_argument_is_refused_when_missing_and_bad_values_are_all_reported_together()
    {
        var error = Assert.Throws<UsageException>(() => Binder(("timeout", "soon")).Check(["BackupKey"], [typeof(BackupKeyTask)], AllTasks));
        Assert.Contains("--output is required", error.Message);
        Assert.Contains("--timeout=soon", error.Message);
    }

    [Fact]
    public void Every_argument_a_task_declares_is_accepted()
    {
        foreach (var task in AllTasks)
        {
            var given = ArgumentCatalog.ForTask(task).Select(a => (a.Name, a.IsSwitch ? "" : "1")).ToArray();
            var binder = Binder(given);
            var error = Record.Exception(() => binder.Check([TaskDefinition.NameOf(task)], [task], AllTasks));
            Assert.False(error?.Message.Contains("unknown argument") ?? false, $"{task.Name}: {error?.Message}");
        }
    }

    [Fact]
    public void No_two_settings_declare_one_name_with_different_kinds()
    {
        var specs = AllTasks.SelectMany(ArgumentCatalog.ForTask).GroupBy(a => a.Name);
        foreach (var group in specs)
        {
            Assert.True(group.Select(a => a.IsSwitch).Distinct().Count() == 1, $"--{group.Key} is a switch for one target and takes a value for another");
        }
    }

    [Theory]
    [InlineData("tagg", "tag")]
    [InlineData("preveiw", "preview")]
    [InlineData("no-cahce", "no-cache")]
    public void Edit_distance_finds_the_intended_name(string typo, string meant) =>
        Assert.Equal(meant, EditDistance.Closest(typo, ["tag", "preview", "no-cache", "push", "to", "from"]));

    [Fact]
    public void A_word_far_from_every_candidate_gets_no_suggestion() =>
        Assert.Null(EditDistance.Closest("kubernetes", ["tag", "to"]));
}
