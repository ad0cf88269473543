using GitOps.Build.Findings;
using GitOps.Build.Kubectl;
using GitOps.Build.Pipeline;
using GitOps.Build.Tests.Checks;
using GitOps.Build.Tests.GitOps;
using GitOps.Build.Tools.Caching;

namespace GitOps.Build.Tests.Pipeline;

/// <summary>
/// Findings on Kustomize objects name the file kustomize says made them (its origin annotation, asked
/// for in a wrapper kustomization outside the repository), and the annotations never reach the
/// rendered output: the artifact is byte for byte what the overlay alone builds.
/// </summary>
public sealed class KustomizeOriginTests
{
    private static string Deployment(string name, string image = "registry.example.org/web:v1.0.0") => $$"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {{name}}
        spec:
          selector:
            matchLabels: {app: {{name}} }
          template:
            metadata:
              labels: {app: {{name}} }
            spec:
              containers: [{name: web, image: "{{image}}"}]

        """;

    /// <summary>
    /// An overlay over two bases that both declare a Deployment "web" (told apart only by their
    /// prefixes), a multi-document file, a generator, a component, a patch and FIFO order.
    /// </summary>
    private static RepoBuilder Repo() => new RepoBuilder().RootApp()
        .File("argocd/apps/shop.yaml", RepoBuilder.Application("shop", "apps/shop/overlay", "shop"))
        .File("apps/shop/overlay/kustomization.yaml", """
            resources: [../a, ../b, objects.yaml]
            components: [../extra]
            patches:
              - path: replicas.yaml
            sortOptions: {order: fifo}
            configMapGenerator:
              - name: settings
                literals: [mode=fast]
            """)
        .File("apps/shop/overlay/replicas.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: a-web\nspec:\n  replicas: 2\n")
        .File("apps/shop/overlay/objects.yaml", """
            apiVersion: v1
            kind: Service
            metadata:
              name: one
              annotations: {team: shop}
            spec: {ports: [{port: 80}]}
            ---

            """ + Deployment("two", "registry.example.org/two:latest"))
        .File("apps/shop/a/kustomization.yaml", "namePrefix: a-\nresources: [deployment.yaml]\n")
        .File("apps/shop/a/deployment.yaml", Deployment("web", "registry.example.org/web:latest"))
        .File("apps/shop/b/kustomization.yaml", "namePrefix: b-\nresources: [deployment.yaml]\n")
        // the same Deployment "web" as a's: which file made a-web and which b-web, only kustomize knows
        .File("apps/shop/b/deployment.yaml", Deployment("web", "registry.example.org/web:latest"))
        .File("apps/shop/extra/kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources: [cm.yaml]\n")
        .File("apps/shop/extra/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\n");

    [Fact]
    public void The_rendered_output_is_what_the_overlay_alone_builds_and_each_object_knows_its_file()
    {
        using var repo = Repo();
        var session = TestSession.Open(repo.Root, "bootstrap/root.yaml");
        var result = session.Renderer.Render(Assert.Single(session.Model.Units, u => u.Id == "shop"));
        Assert.False(result.Outcome.Failed, string.Join("; ", result.Outcome.Findings.Select(f => f.Message)));

        var alone = KubectlRunner.Standalone().Kustomize(new KubectlKustomizeSettings { ToolPath = TestTools.Kubectl, Directory = repo.Path("apps/shop/overlay") });
        Assert.True(alone.Succeeded, alone.Error);
        Assert.Equal(alone.Output.TrimEnd('\n') + "\n", result.Text);
        Assert.DoesNotContain(KustomizeOrigins.Annotation, result.Text);

        var sources = result.Objects!.ToDictionary(o => $"{o.Kind}/{o.Name}", o => o.SourceTemplate);
        Assert.Equal("apps/shop/a/deployment.yaml", sources["Deployment/a-web"]);
        Assert.Equal("apps/shop/b/deployment.yaml", sources["Deployment/b-web"]);
        Assert.Equal("apps/shop/overlay/objects.yaml", sources["Service/one"]);
        Assert.Equal("apps/shop/overlay/objects.yaml", sources["Deployment/two"]);
        Assert.Equal("apps/shop/extra/cm.yaml", sources["ConfigMap/extra"]);
        Assert.Equal("apps/shop/overlay/kustomization.yaml", Assert.Single(sources, s => s.Key.StartsWith("ConfigMap/settings-", StringComparison.Ordinal)).Value);
        // The annotation an object has of its own stays.
        Assert.Equal("shop", Assert.Single(result.Objects!, o => o.Name == "one").Annotations["team"]);
    }

    [Fact]
    public async Task Findings_on_Kustomize_objects_name_the_file_and_line_kustomize_says_made_them()
    {
        using var repo = Repo();
        repo.File("environments.yaml", "promotion:\n  order: [prod]\nenvironments:\n  prod:\n    namespace: shop\n    immutableTags: true\n");
        var findings = await TestSession.CheckAsync(repo.Root, "bootstrap/root.yaml", environments: repo.Path("environments.yaml"));

        // Name matching alone could not tell the two bases' "web" apart: the origin does.
        var mutable = findings.Where(f => f.RuleId == "POL-MUTABLE-IMAGE-TAG").ToDictionary(f => f.Object);
        Assert.True(mutable.Count == 3, findings.Describe());
        Assert.Equal(("apps/shop/a/deployment.yaml", 12), (mutable["Deployment/a-web"].File, mutable["Deployment/a-web"].Line));
        Assert.Equal(("apps/shop/b/deployment.yaml", 12), (mutable["Deployment/b-web"].File, mutable["Deployment/b-web"].Line));
        Assert.Equal("artifacts/rendered/shop.yaml", mutable["Deployment/b-web"].RenderedFile);
        // The second document of a file, at its own line there (below the Service's 6 lines and the separator).
        Assert.Equal(("apps/shop/overlay/objects.yaml", 7 + 12), (mutable["Deployment/two"].File, mutable["Deployment/two"].Line));
        Assert.DoesNotContain(findings, f => f.File.StartsWith("artifacts/", StringComparison.Ordinal) && f.RuleId.StartsWith("POL-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_patch_file_of_two_workloads_one_named_inside_the_other_points_each_finding_at_its_own_document()
    {
        // version.yaml patches "bot" and "bot-scalable": no nameSuffix makes one from the other, so the
        // finding on bot-scalable is at its own document, not at the first one whose name it contains.
        using var repo = new RepoBuilder().RootApp()
            .File("argocd/apps/bot.yaml", RepoBuilder.Application("bot", "apps/bot/prod", "bot"))
            .File("apps/bot/base/kustomization.yaml", "resources: [bot.yaml, scalable.yaml]\n")
            .File("apps/bot/base/bot.yaml", Deployment("bot"))
            .File("apps/bot/base/scalable.yaml", Deployment("bot-scalable"))
            .File("apps/bot/prod/kustomization.yaml", "namePrefix: prod-\nresources: [../base]\npatches:\n  - path: version.yaml\n")
            .File("apps/bot/prod/version.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: bot
                spec:
                  template:
                    spec:
                      containers: [{name: web, image: "registry.example.org/web:latest"}]
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: bot-scalable
                spec:
                  template:
                    spec:
                      containers: [{name: web, image: "registry.example.org/web:latest"}]
                """);
        repo.File("environments.yaml", "promotion:\n  order: [prod]\nenvironments:\n  prod:\n    namespace: bot\n    immutableTags: true\n");
        var findings = await TestSession.CheckAsync(repo.Root, "bootstrap/root.yaml", environments: repo.Path("environments.yaml"));

        var mutable = findings.Where(f => f.RuleId == "POL-MUTABLE-IMAGE-TAG").ToDictionary(f => f.Object);
        Assert.True(mutable.Count == 2, findings.Describe());
        Assert.Equal(("apps/bot/prod/version.yaml", 8), (mutable["Deployment/prod-bot"].File, mutable["Deployment/prod-bot"].Line));
        Assert.Equal(("apps/bot/prod/version.yaml", 17), (mutable["Deployment/prod-bot-scalable"].File, mutable["Deployment/prod-bot-scalable"].Line));
    }

    [Fact]
    public async Task A_finding_on_an_image_the_overlay_s_images_entry_sets_names_that_entry()
    {
        // A public repository's shape: the base names ghcr.io/org/web:latest, the prod overlay's images: entry moves it
        // to another registry and the tag prod-latest. The tag is the overlay's, so the finding is at its newTag line,
        // not at the base's image line, where 'prod-latest' is nowhere to be seen.
        using var repo = new RepoBuilder().RootApp()
            .File("argocd/apps/web.yaml", RepoBuilder.Application("web", "apps/web/prod", "web"))
            .File("apps/web/base/kustomization.yaml", "resources: [web.yaml]\n")
            .File("apps/web/base/web.yaml", Deployment("web", "ghcr.io/org/web:latest"))
            .File("apps/web/prod/kustomization.yaml", """
                resources: [../base]
                images:
                  - name: ghcr.io/org/other
                    newTag: "1.0.0"
                  - name: ghcr.io/org/web
                    newName: registry.example.org/web
                    newTag: prod-latest
                """);
        repo.File("environments.yaml", "promotion:\n  order: [prod]\nenvironments:\n  prod:\n    namespace: web\n    immutableTags: true\n");
        var findings = await TestSession.CheckAsync(repo.Root, "bootstrap/root.yaml", environments: repo.Path("environments.yaml"));
        var mutable = Assert.Single(findings, f => f.RuleId == "POL-MUTABLE-IMAGE-TAG");
        Assert.Equal(("apps/web/prod/kustomization.yaml", 7), (mutable.File, mutable.Line));
        Assert.Contains("prod-latest", mutable.Message);
    }

    [Fact]
    public void A_cached_build_names_the_files_of_whichever_copy_of_the_repository_reads_it()
    {
        // Diff's base side is a copy of the repository elsewhere: the same inputs, so the same cache entry.
        using var first = Repo();
        using var second = Repo();
        var cache = Directory.CreateTempSubdirectory("origin-cache-").FullName;
        var calls = Path.Combine(cache, "calls");
        var kubectl = FakeTool.Counting(Path.Combine(cache, "bin"), "kubectl", TestTools.Kubectl, calls);
        try
        {
            RenderResult RenderIn(RepoBuilder repo)
            {
                var session = TestSession.Open(repo.Root, "bootstrap/root.yaml");
                var renderer = new RenderService(session.Model, repo.Path("artifacts/rendered"),
                    new KustomizeRenderer(KubectlRunner.Standalone(), () => kubectl, () => TestTools.Helm, results: new ResultCache(Path.Combine(cache, "results"))));
                return renderer.Render(Assert.Single(session.Model.Units, u => u.Id == "shop"));
            }
            var built = RenderIn(first);
            var cached = RenderIn(second);
            Assert.Equal(1, FakeTool.Calls(calls)); // the second copy's build came from the cache
            Assert.Equal(built.Text, cached.Text);
            Assert.All(cached.Objects!, o => Assert.True(File.Exists(second.Path(o.SourceTemplate!)), o.SourceTemplate));
            Assert.Equal(built.Objects!.Select(o => o.SourceTemplate), cached.Objects!.Select(o => o.SourceTemplate));
        }
        finally
        {
            Directory.Delete(cache, recursive: true);
        }
    }

    [Fact]
    public void Build_metadata_an_overlay_asks_for_itself_is_part_of_its_output()
    {
        // kustomize honours buildMetadata in the top kustomization only: the overlay is built as it is.
        using var repo = Repo();
        repo.File("apps/shop/overlay/kustomization.yaml", "resources: [../a]\nbuildMetadata: [originAnnotations, managedByLabel]\n");
        var session = TestSession.Open(repo.Root, "bootstrap/root.yaml");
        var web = Assert.Single(session.Renderer.Render(Assert.Single(session.Model.Units, u => u.Id == "shop")).Objects!);
        Assert.Contains(KustomizeOrigins.Annotation, web.Annotations.Keys);
        Assert.StartsWith("kustomize-", web.Labels["app.kubernetes.io/managed-by"]);
    }

    [Theory]
    [InlineData("resources: [../a, ../missing]\n", "")]
    // A Kustomization with nothing but apiVersion and kind (seen on a public repository) cannot be loaded at all:
    // kustomize building the overlay itself says only that, and so does the finding.
    [InlineData("---\napiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n", "failed: kustomization.yaml is empty")]
    public void A_broken_overlay_reads_as_its_own_build_error_not_the_wrapper_s(string kustomization, string reason)
    {
        using var repo = Repo();
        repo.File("apps/shop/overlay/kustomization.yaml", kustomization);
        var session = TestSession.Open(repo.Root, "bootstrap/root.yaml");
        var finding = Assert.Single(session.Renderer.Render(Assert.Single(session.Model.Units, u => u.Id == "shop")).Outcome.Findings);
        Assert.Equal(("KUSTOMIZE-BUILD", "apps/shop/overlay/kustomization.yaml"), (finding.RuleId, finding.File));
        Assert.EndsWith(reason, finding.Message);
        foreach (var wrapperLayer in new[] { "recursed accumulation", "must resolve to a file", "gitops-build" })
            Assert.DoesNotContain(wrapperLayer, finding.Message);
    }

    [Fact]
    public void Strip_takes_out_only_the_origin_annotations_and_the_map_they_alone_made()
    {
        var output = string.Join('\n',
            "apiVersion: v1", "kind: ConfigMap", "metadata:", "  annotations:", "    a: \"1\"", "    config.kubernetes.io/origin: |", "      path: x/a.yaml",
            "    z: |", "      keep", "  name: a", "---",
            "apiVersion: v1", "kind: ConfigMap", "metadata:", "  annotations:", "    config.kubernetes.io/origin: |", "      configuredIn: x/kustomization.yaml",
            "      configuredBy:", "        apiVersion: builtin", "        kind: ConfigMapGenerator", "  name: b", "data:", "  note: |", "    config.kubernetes.io/origin: |", "")
            ;
        var (text, origins) = KustomizeOrigins.Strip(output);
        Assert.Equal(string.Join('\n',
            "apiVersion: v1", "kind: ConfigMap", "metadata:", "  annotations:", "    a: \"1\"", "    z: |", "      keep", "  name: a", "---",
            "apiVersion: v1", "kind: ConfigMap", "metadata:", "  name: b", "data:", "  note: |", "    config.kubernetes.io/origin: |", ""), text);
        Assert.Equal(["x/a.yaml", "x/kustomization.yaml"], origins.Select(o => o?.File));
    }
}
