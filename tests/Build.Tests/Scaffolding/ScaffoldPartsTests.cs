using GitOps.Build.IO;
using GitOps.Build.Primitives;
using GitOps.Build.Scaffolding;
using GitOps.Build.Yaml;

namespace GitOps.Build.Tests.Scaffolding;

public sealed class NameTokenTests
{
    [Theory]
    [InlineData("apps/api/envs/prod", "apps/notifier/envs/prod")]
    [InlineData("api-prod", "notifier-prod")]
    [InlineData("values-api.yaml", "values-notifier.yaml")]
    [InlineData("http://api.svc:80/api", "http://notifier.svc:80/notifier")]
    [InlineData("rapid api2 apiary", "rapid api2 apiary")]
    public void Renames_the_name_where_it_stands_as_a_word(string text, string renamed) =>
        Assert.Equal(renamed, new NameToken("api", "notifier").Rename(text));

    [Theory]
    [InlineData("notifier", true)]
    [InlineData("a1-b2", true)]
    [InlineData("Notifier", false)]
    [InlineData("a.b", false)]
    [InlineData("a-", false)]
    [InlineData("", false)]
    public void Dns_labels(string name, bool valid) => Assert.Equal(valid, global::GitOps.Build.GitOps.KubernetesNames.IsDnsLabel(name));

    [Fact]
    public void A_label_longer_than_63_characters_is_none() =>
        Assert.Contains("64 characters", global::GitOps.Build.GitOps.KubernetesNames.WhyNotDnsLabel(new string('a', 64)));
}

public sealed class BorrowedValuesTests
{
    /// <summary>A value SealSecret wrote: this repository's dev DATABASE_PASSWORD.</summary>
    private static readonly string Sealed = ValuesFile.GetScalar(
        Path.Combine(TestTools.RepoRoot, "gitops/apps/ontu-schedule-bot-admin/values-dev.yaml"), "secrets.data.DATABASE_PASSWORD")!.Value;

    [Fact]
    public void Sealed_values_secret_references_and_hosts_are_left_out_with_what_holds_them()
    {
        var text = $"""
            image:
              tag: v1
            ingress:
              enabled: true
              hosts:
                - host: shop.example.com
            env:
              - name: API_URL
                value: http://orders.shop.svc.cluster.local:8080
              - name: LEVEL
                value: debug
            database:
              existingSecret: shop-db
              file: settings.json
            secrets:
              data:
                TOKEN: {Sealed}

            """;
        var removed = new List<BorrowedValues.Removed>();
        var stripped = BorrowedValues.Strip(text, "values.yaml", onlySealed: false, removed);

        Assert.Equal("""
            image:
              tag: v1
            env:
              - name: LEVEL
                value: debug
            database:
              file: settings.json
            secrets:
              data: {}

            """, stripped);
        Assert.Equal(
            [(BorrowedValues.Kind.Hostname, "ingress"), (BorrowedValues.Kind.Hostname, "env[0]"), (BorrowedValues.Kind.SecretReference, "database.existingSecret"), (BorrowedValues.Kind.SealedValue, "secrets.data.TOKEN")],
            removed.Select(r => (r.Kind, r.Entry.ToString())));
        var notes = BorrowedValues.Describe("values.yaml", "shop", "orders", "./build.sh --target=SealSecret ...", removed).ToList();
        Assert.Contains("values.yaml: shop's sealed values TOKEN are left out (they open only for shop); seal orders's own: ./build.sh --target=SealSecret ...", notes);
        Assert.Contains("values.yaml: ingress is left out (shop's shop.example.com); give orders its own", notes);
    }

    [Fact]
    public void A_charts_defaults_keep_their_example_hosts()
    {
        var removed = new List<BorrowedValues.Removed>();
        const string defaults = "ingress:\n  hosts: [chart-example.local]\n";
        Assert.Equal(defaults, BorrowedValues.Strip(defaults, "values.yaml", onlySealed: true, removed));
        Assert.Empty(removed);
    }
}

public sealed class NewImageTests
{
    [Fact]
    public void Reads_repository_tag_and_digest()
    {
        var digest = "sha256:" + new string('a', 64);
        Assert.Equal(new NewImage("registry:5000/team/app", "1.2.3", null), NewImage.Parse("registry:5000/team/app:1.2.3"));
        Assert.Equal(new NewImage("ghcr.io/x/app", null, digest), NewImage.Parse($"ghcr.io/x/app@{digest}"));
        Assert.Equal($"1.2.3@{digest}", new NewImage("r/app", "1.2.3", digest).TagValue("1.2.3"));
        Assert.Throws<InputException>(() => NewImage.Parse("Ghcr.io/X:1"));
        Assert.Throws<InputException>(() => NewImage.Parse("ghcr.io/x@md5:abc"));
    }

    [Fact]
    public void Without_a_tag_an_environment_takes_the_model_apps_moving_tag_never_its_release()
    {
        var image = NewImage.Parse("ghcr.io/x/app");
        Assert.Equal("develop", image.TagFor("dev", "develop", "web"));
        var e = Assert.Throws<InputException>(() => image.TagFor("prod", "v1.0.0", "web"));
        Assert.Contains("web runs the release v1.0.0 in prod", e.Message);
        Assert.Equal("2.0.0", NewImage.Parse("ghcr.io/x/app:2.0.0").TagFor("prod", "v1.0.0", "web"));
    }
}

public sealed class AtomicFileSetTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("fileset-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Writes_every_file_or_none_when_one_fails()
    {
        var existing = Path.Combine(_root, "existing.yaml");
        File.WriteAllText(existing, "before\n");
        var blocked = Path.Combine(_root, "blocked");
        Directory.CreateDirectory(blocked); // a folder where a file should go: its rename fails

        var e = Record.Exception(() => AtomicFileSet.WriteAll(
        [
            (existing, "after\n"u8.ToArray()),
            (Path.Combine(_root, "new/deep/file.yaml"), "new\n"u8.ToArray()),
            (blocked, "x"u8.ToArray()),
        ]));

        Assert.NotNull(e);
        Assert.Equal("before\n", File.ReadAllText(existing));
        Assert.False(Directory.Exists(Path.Combine(_root, "new")));
        Assert.Equal(["blocked", "existing.yaml"], Directory.EnumerateFileSystemEntries(_root).Select(Path.GetFileName).Order());

        AtomicFileSet.WriteAll([(existing, "after\n"u8.ToArray()), (Path.Combine(_root, "new/file.yaml"), "new\n"u8.ToArray())]);
        Assert.Equal(("after\n", "new\n"), (File.ReadAllText(existing), File.ReadAllText(Path.Combine(_root, "new/file.yaml"))));
    }
}

public sealed class ScaffoldDeliveryTests
{
    /// <summary>The repository's git, with a commit that stages its files and then fails (as a held index.lock would).</summary>
    public class FailingCommit : System.Reflection.DispatchProxy
    {
        public Git.IGitWorkingTree Real { get; set; } = null!;

        protected override object? Invoke(System.Reflection.MethodInfo? method, object?[]? args)
        {
            if (method!.Name == nameof(Git.IGitWorkingTree.CommitFiles))
            {
                using var repo = new LibGit2Sharp.Repository(Real.Root);
                LibGit2Sharp.Commands.Stage(repo, ((IReadOnlyList<string>)args![0]!).Select(f => Path.GetRelativePath(Real.Root, f)));
                throw new InvalidOperationException("commit failed (simulated).");
            }
            try { return method.Invoke(Real, args); }
            catch (System.Reflection.TargetInvocationException e) { throw e.InnerException!; }
        }
    }

    [Fact]
    public void A_commit_that_fails_takes_the_written_files_back_out_and_leaves_the_index_as_it_was()
    {
        using var repo = ScaffoldRepository.Of(ScaffoldShapes.SharedChart());
        var before = repo.Head();
        var git = System.Reflection.DispatchProxy.Create<Git.IGitWorkingTree, FailingCommit>();
        ((FailingCommit)(object)git).Real = repo.Git;
        var changes = new FileChanges(repo.Root);
        changes.Add("gitops/apps/orders/values-dev.yaml", "image:\n  tag: 1.0.0\n");
        changes.Edit("gitops-build.yaml", t => t + "# edited\n");

        var e = Assert.Throws<InvalidOperationException>(() => new ScaffoldDelivery(git, null, "new-app/orders", [])
            .Deliver(changes, "NewApp orders", "body", new ScratchResult([], [], []), [], preview: false, "NewApp"));

        Assert.Contains("Nothing was changed: the files are removed again and the index is as it was.", e.Message);
        Assert.True(repo.Head().Unchanged(before));
        Assert.False(repo.Exists("gitops/apps/orders"));
        Assert.DoesNotContain("# edited", repo.Read("gitops-build.yaml"));
    }
}
