using GitOps.Build.Primitives;
using GitOps.Build.Tests.Hosting;
using GitOps.Build.Tests.Sealing;

namespace GitOps.Build.Tests.Scaffolding;

/// <summary>
/// What NewApp and NewEnvironment refuse (exit 2) before writing anything: a name that is no DNS label, an app or
/// environment that exists, a dirty work tree, a model app that cannot be chosen, a layout they cannot copy (naming
/// the files they looked at), a moving tag for an environment of immutable tags, inferred environments in no order.
/// </summary>
public sealed class ScaffoldRefusalTests
{
    private static async Task<string> Refused(ScaffoldRepository repo, Func<ScaffoldRepository, Task> run)
    {
        var before = repo.Head();
        var e = await Assert.ThrowsAnyAsync<InputException>(() => run(repo));
        Assert.True(repo.Head().Unchanged(before), "something was written or committed");
        return e.Message;
    }

    [Theory]
    [InlineData("Notifier", "upper-case")]
    [InlineData("my_app", "characters other than a-z, 0-9 and '-'")]
    [InlineData("-app", "start and end with a letter or digit")]
    public async Task A_name_that_is_no_DNS_label(string name, string why)
    {
        using var repo = ScaffoldRepository.Of(ScaffoldShapes.SharedChart());
        Assert.Contains(why, await Refused(repo, r => r.NewAppAsync(name, "registry.example.org/x:1.0.0", from: "api")));
        Assert.Contains(why, await Refused(repo, r => r.NewEnvironmentAsync(name, "dev")));
    }

    [Fact]
    public async Task An_app_or_environment_that_exists()
    {
        using var repo = ScaffoldRepository.Of(ScaffoldShapes.SharedChart());
        Assert.Contains("the app web exists already", await Refused(repo, r => r.NewAppAsync("web", "registry.example.org/web:1.0.0", from: "api")));
        Assert.Contains("the environment prod exists already", await Refused(repo, r => r.NewEnvironmentAsync("prod", "dev")));
        Assert.Contains("--after=stage is no environment here; environments: dev, prod", await Refused(repo, r => r.NewEnvironmentAsync("qa", "stage")));
        Assert.Contains("--before=stage is no environment here; environments: dev, prod", await Refused(repo, r => r.NewEnvironmentAsync("qa", "stage", before: true)));
    }

    [Fact]
    public async Task A_dirty_work_tree_named_file_by_file()
    {
        using var repo = ScaffoldRepository.Of(ScaffoldShapes.SharedChart());
        repo.Write("gitops/apps/web/values-dev.yaml", "image:\n  tag: edited\n");
        var before = repo.Head();
        var e = await Assert.ThrowsAsync<InputException>(() => repo.NewAppAsync("orders", "registry.example.org/orders:1.0.0", from: "api"));
        Assert.Contains("uncommitted changes (gitops/apps/web/values-dev.yaml)", e.Message);
        await Assert.ThrowsAsync<InputException>(() => repo.NewEnvironmentAsync("qa", "dev"));
        Assert.Equal(before.Sha, repo.Head().Sha);
        Assert.Equal("image:\n  tag: edited\n", repo.Read("gitops/apps/web/values-dev.yaml"));
    }

    [Fact]
    public async Task Several_possible_models_without_from()
    {
        using var repo = ScaffoldRepository.Of(ScaffoldShapes.SharedChart());
        Assert.Contains("2 apps could be the model for the new one (api, web); say which with --from=<app>",
            await Refused(repo, r => r.NewAppAsync("orders", "registry.example.org/orders:1.0.0")));
        Assert.Contains("--from=wbe is not an app deployed per environment here (did you mean web?)",
            await Refused(repo, r => r.NewAppAsync("orders", "registry.example.org/orders:1.0.0", from: "wbe")));
    }

    [Fact]
    public async Task A_layout_it_cannot_copy_names_the_files_it_looked_at()
    {
        var files = ScaffoldShapes.SharedChart();
        // Both of web's Applications in one file: there is no file of its own to copy for the new app.
        files["argocd/apps/web-dev.yaml"] += "---\n" + files["argocd/apps/web-prod.yaml"];
        files.Remove("argocd/apps/web-prod.yaml");
        using var repo = ScaffoldRepository.Of(files);

        var message = await Refused(repo, r => r.NewAppAsync("orders", "registry.example.org/orders:1.0.0", from: "web"));

        Assert.Contains("cannot tell how to add an app the way web is laid out: argocd/apps/web-dev.yaml holds 2 Applications", message);
        Assert.Contains("Looked at: argocd/apps/web-dev.yaml, charts/service/, gitops/apps/web/values-dev.yaml, gitops/apps/web/values-prod.yaml, gitops/apps/web/values.yaml.", message);
    }

    [Fact]
    public async Task A_values_file_whose_path_does_not_name_the_app()
    {
        var files = ScaffoldShapes.SharedChart();
        files["gitops/apps/api/values-dev.yaml"] = files["gitops/apps/api/values-dev.yaml"];
        files["gitops/dev-overrides.yaml"] = "image:\n  tag: main\n";
        files["argocd/apps/api-dev.yaml"] = files["argocd/apps/api-dev.yaml"].Replace("- ../../gitops/apps/api/values-dev.yaml", "- ../../gitops/dev-overrides.yaml");
        using var repo = ScaffoldRepository.Of(files);

        var message = await Refused(repo, r => r.NewAppAsync("orders", "registry.example.org/orders:1.0.0", from: "api"));

        Assert.Contains("gitops/dev-overrides.yaml is api's alone, but its path does not name api", message);
    }

    [Fact]
    public async Task A_moving_tag_for_an_environment_of_immutable_tags()
    {
        using var repo = ScaffoldRepository.Of(ScaffoldShapes.SharedChart());
        Assert.Contains("prod takes immutable tags only, and 'latest' moves",
            await Refused(repo, r => r.NewAppAsync("orders", "registry.example.org/orders:latest", from: "api")));
        // Without a tag, dev takes the moving tag api runs there; prod has no release of the new app to take.
        Assert.Contains("--image=registry.example.org/orders has no tag, and api runs the release 1.4.0 in prod",
            await Refused(repo, r => r.NewAppAsync("orders", "registry.example.org/orders", from: "api")));
    }

    [Fact]
    public async Task An_inferred_environment_the_names_give_no_place_in_the_order()
    {
        // api-dev is labelled environment: sandbox, a word the inference does not know: nothing says where sandbox goes.
        var files = ScaffoldShapes.SharedChart();
        files["gitops-build.yaml"] = "roots: [argocd/root.yaml]\n";
        files["argocd/apps/api-dev.yaml"] = files["argocd/apps/api-dev.yaml"].Replace("environment: dev", "environment: sandbox");
        using var repo = ScaffoldRepository.Of(files);
        var message = await Refused(repo, r => r.NewEnvironmentAsync("staging", "dev"));
        Assert.Contains("the environments here are inferred from the Applications' names, and sandbox has no place in the order those names imply (dev, prod;", message);
        Assert.Contains("Declare the order in gitops-build.yaml: promotion: {order: [dev, prod, sandbox]}", message);
    }

    [Fact]
    public async Task A_new_name_the_inference_reads_as_another_environment()
    {
        var files = ScaffoldShapes.SharedChart();
        files["gitops-build.yaml"] = "roots: [argocd/root.yaml]\n";
        using var repo = ScaffoldRepository.Of(files);
        Assert.Contains("--name=production: the environments here are read from the Applications' names, and production means prod there",
            await Refused(repo, r => r.NewEnvironmentAsync("production", "dev")));
    }
}

/// <summary>The targets through the program's own host: a bad name is refused before anything runs (exit 2), a preview writes nothing.</summary>
[Collection(ConsoleCapture.Name)]
public sealed class ScaffoldTargetTests
{
    private static (int Code, string Output) Run(params string[] args)
    {
        var harness = new HostHarness();
        return (harness.RunProgram([.. args, $"--helm={TestTools.Helm}", $"--kubectl={TestTools.Kubectl}"]), harness.Output);
    }

    [Fact]
    public void A_bad_name_or_image_is_refused_before_the_run()
    {
        using var repo = ScaffoldRepository.ThisRepository();
        var (code, output) = Run("--target=NewApp", $"--root={repo.Root}", "--name=Bad_Name", "--image=ghcr.io/x/y:1.0.0");
        Assert.Equal(2, code);
        Assert.Contains("--name=Bad_Name is not a DNS label", output);
        Assert.DoesNotContain("Setup", output);
        (code, output) = Run("--target=NewEnvironment", $"--root={repo.Root}", "--name=qa", "--after=stagin");
        Assert.Equal(2, code);
        Assert.Contains("--after=stagin matches nothing in this repository (did you mean staging?)", output);
    }

    [Theory]
    [InlineData(new[] { "--after=dev", "--before=prod" }, "--after=dev and --before=prod are both given; give one")]
    [InlineData(new string[0], "NewEnvironment needs the new environment's place in the promotion order: --after=<env> (right after it) or --before=<env>")]
    [InlineData(new[] { "--before=prd" }, "--before=prd matches nothing in this repository (did you mean prod?)")]
    public void NewEnvironment_needs_exactly_one_known_place_before_the_run(string[] place, string message)
    {
        using var repo = ScaffoldRepository.Of(ScaffoldShapes.SharedChart());
        var before = repo.Head();
        var (code, output) = Run(["--target=NewEnvironment", $"--root={repo.Root}", "--name=staging", .. place]);
        Assert.Equal(2, code);
        Assert.Contains(message, output);
        Assert.DoesNotContain("Setup", output);
        Assert.DoesNotContain("planned", output);
        Assert.True(repo.Head().Unchanged(before));
    }

    [Fact]
    public void NewApp_preview_prints_the_files_and_the_check_and_writes_nothing()
    {
        using var repo = ScaffoldRepository.ThisRepository();
        var before = repo.Head();

        var (code, output) = Run("--target=NewApp", $"--root={repo.Root}", "--name=notifier", "--image=ghcr.io/example/notifier:1.0.0", "--preview");

        Assert.True(code == 0, output);
        Assert.Contains("new file charts/notifier/Chart.yaml", output);
        Assert.Contains("data: {}", output); // braces printed as written
        Assert.Contains("CI on a scratch copy with these files: no new error.", output);
        Assert.Contains("preview: would write 21 file(s)", output);
        Assert.True(repo.Head().Unchanged(before));
    }
}
