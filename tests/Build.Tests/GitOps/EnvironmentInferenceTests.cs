using GitOps.Build.Config;
using GitOps.Build.Findings;
using GitOps.Build.GitOps;
using GitOps.Build.Manifests;
using GitOps.Build.Tests.Checks;

namespace GitOps.Build.Tests.GitOps;

/// <summary>
/// A repository with no environments file: environments come from the names people use, and the
/// prod rules apply to what is inferred as prod (real defects found, nothing claimed of dev).
/// </summary>
public class EnvironmentInferenceTests
{
    private static ArgoApplication App(string yaml) => new(ManifestReader.Read(yaml, "app.yaml").Single());

    private static string Application(string name, string ns = "shop", string path = "charts/web", string labels = "", string sync = "") => $"""
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata:
          name: {name}
          namespace: argocd
        {labels}
        spec:
          project: default
          source:
            repoURL: https://example.com/org/repo.git
            path: {path}
          destination:
            server: https://kubernetes.default.svc
            namespace: {ns}
        {sync}
        """;

    [Theory]
    [InlineData("shop-prod", "shop", "production")]
    [InlineData("shop-stage", "shop", "staging")]
    [InlineData("shop-dev", "shop", null)]            // no declared environment is dev
    [InlineData("shop-prod", "shop-qa-ns", "qa")]     // the declared namespace wins over the name
    public void Declared_environments_without_a_namespace_take_the_Applications_their_word_names(string name, string ns, string? expected)
    {
        var declared = new EnvironmentsConfig("gitops-build.yaml", [], [
            new EnvironmentPolicy("qa", "shop-qa-ns", true, false),
            new EnvironmentPolicy("staging", null, true, false),
            new EnvironmentPolicy("production", null, false, true),
        ]);
        Assert.Equal(expected, RepositoryModel.EnvironmentOf(App(Application(name, ns)), declared));
    }

    [Theory]
    [InlineData("environment: production", "prod")]  // as inferred and printed: prod's rules apply to it
    [InlineData("environment: stage", "staging")]
    [InlineData("environment: uat", "uat")]
    [InlineData("environment: blue", "blue")]        // no word for an environment: the label as written
    [InlineData("environment: non-prod", "non-prod")] // every environment but prod: not prod (nor moved with it)
    [InlineData("environment: pre-prod", "pre-prod")] // the one before prod
    public void With_inferred_environments_an_environment_label_is_the_environment_its_word_was_inferred_as(string label, string expected)
    {
        var app = App(Application("logging", labels: "  labels:\n    " + label));
        var inferred = EnvironmentInference.Config([app, App(Application("web-dev"))], "names");
        Assert.True(inferred.Inferred);
        Assert.Equal(expected, RepositoryModel.EnvironmentOf(app, inferred));
        // the same while the repository is read, before the environments are inferred (its render units)
        Assert.Equal(expected, RepositoryModel.EnvironmentOf(app, new EnvironmentsConfig("gitops-build.yaml", [], [])));
        if (expected is not ("blue" or "non-prod" or "pre-prod")) Assert.NotNull(inferred.Find(RepositoryModel.EnvironmentOf(app, inferred)!));
    }

    [Theory]
    [InlineData("web", "shop", "charts/web", "  labels:\n    env: production", "prod", "label env=production")]
    [InlineData("web-prod", "shop", "charts/web", "", "prod", "name 'web-prod'")]
    [InlineData("web", "shop-staging", "charts/web", "", "staging", "namespace 'shop-staging'")]
    [InlineData("web", "shop", "apps/web/envs/dev", "", "dev", "path 'apps/web/envs/dev'")]
    [InlineData("web-live", "shop", "charts/web", "", "prod", "name 'web-live'")]
    [InlineData("qa-checks", "shop", "charts/web", "", "qa", "name 'qa-checks'")]
    [InlineData("logging-uat", "logging", "apps/logging", "", "uat", "name 'logging-uat'")]
    public void The_first_name_that_says_an_environment_decides(string name, string ns, string path, string labels, string expected, string evidence)
    {
        var inferred = EnvironmentInference.Infer(App(Application(name, ns, path, labels)));
        Assert.Equal((expected, evidence), (inferred?.Name, inferred?.Evidence));
    }

    [Theory]
    [InlineData("devprod-bridge", "shop", "charts/web")]      // one word that is no environment word
    [InlineData("dev-to-prod", "shop", "charts/web")]        // two environments: says nothing
    [InlineData("product-catalog", "shop", "charts/web")]    // 'product' is not 'prod'
    [InlineData("web-non-prod", "shop", "charts/web")]       // every environment but prod
    [InlineData("web-pre-production", "shop", "charts/web")] // the one before prod
    public void Names_that_say_no_single_environment_infer_nothing(string name, string ns, string path) =>
        Assert.Null(EnvironmentInference.Infer(App(Application(name, ns, path))));

    [Fact]
    public async Task Without_an_environments_file_the_prod_rules_apply_to_what_is_inferred_as_prod()
    {
        const string deployment = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              replicas: 1
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers:
                    - name: web
                      image: {{ .Values.image | quote }}
            """;
        using var repo = new RepoBuilder().RootApp()
            .File("charts/web/Chart.yaml", "apiVersion: v2\nname: web\nversion: 0.1.0\n")
            .File("charts/web/values.yaml", "image: example.com/web:v1.0.0\n")
            .File("charts/web/templates/deployment.yaml", deployment)
            .File("values/prod.yaml", "image: example.com/web:latest\n")
            .File("argocd/apps/web-dev.yaml", Application("web-dev", "shop-dev", sync: "  syncPolicy:\n    automated: {}"))
            .File("argocd/apps/web-prod.yaml", """
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata:
                  name: web-prod
                  namespace: argocd
                spec:
                  project: default
                  source:
                    repoURL: https://example.com/org/repo.git
                    path: charts/web
                    helm:
                      valueFiles: [../../values/prod.yaml]
                  destination:
                    server: https://kubernetes.default.svc
                    namespace: shop-prod
                  syncPolicy:
                    automated:
                      prune: false
                      selfHeal: false
                """);

        var model = TestSession.Open(repo.Root, "bootstrap/root.yaml").Model;
        Assert.True(model.Environments.Inferred);
        Assert.Equal(["dev", "prod"], model.Environments.PromotionOrder);
        Assert.Equal("prod", model.EnvironmentOf(model.Applications.Single(a => a.Name == "web-prod")));
        Assert.Contains("web-prod (name 'web-prod')", EnvironmentInference.Describe(model.Applications));

        var findings = await TestSession.CheckAsync(repo.Root, "bootstrap/root.yaml");
        // automated: {prune: false, selfHeal: false} is automated sync to Argo CD: refused in prod, with its line
        var manual = Assert.Single(findings, f => f.RuleId == "ENV-MANUAL-SYNC");
        Assert.Equal(("argocd/apps/web-prod.yaml", "Application/argocd/web-prod"), (manual.File, manual.Object));
        Assert.True(manual.Line > 0);
        var tag = Assert.Single(findings, f => f.RuleId == "POL-MUTABLE-IMAGE-TAG");
        Assert.Contains("latest", tag.Message);
        // nothing is claimed of dev, whose owners declared no policy
        Assert.DoesNotContain(findings, f => f.RuleId.StartsWith("ENV-", StringComparison.Ordinal) && f.Object == "Application/argocd/web-dev");

        // prod was only guessed from a name: its rules warn, and say how to make them errors
        Assert.All(new[] { manual, tag }, f =>
        {
            Assert.Equal(Severity.Warning, f.Severity);
            Assert.Contains("prod was inferred from names", f.Message);
            Assert.Contains("gitops-build.yaml", f.Message);
        });

        // once gitops-build.yaml declares the environment, the same findings are errors
        repo.File("gitops-build.yaml", """
            environments:
              dev: {namespace: shop-dev, autoSync: true}
              prod: {namespace: shop-prod, autoSync: false, immutableTags: true}
            """);
        var declared = await TestSession.CheckAsync(repo.Root, "bootstrap/root.yaml");
        Assert.Equal(Severity.Error, Assert.Single(declared, f => f.RuleId == "ENV-MANUAL-SYNC").Severity);
        Assert.Equal(Severity.Error, Assert.Single(declared, f => f.RuleId == "POL-MUTABLE-IMAGE-TAG").Severity);
        Assert.DoesNotContain(declared, f => f.Message.Contains("inferred"));
    }

    [Fact]
    public void The_inferred_environments_are_a_few_short_lines_however_many_Applications()
    {
        var apps = Enumerable.Range(1, 60).Select(i => App(Application($"service-{i}-prod", "shop"))).ToList();
        var text = EnvironmentInference.Describe(apps);
        var lines = text.Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("  prod (60): service-1-prod (name 'service-1-prod')", lines[1]);
        Assert.EndsWith($"and {60 - EnvironmentInference.NamedPerEnvironment} more", lines[1]);
        Assert.All(lines, l => Assert.True(l.Length < 300, l));
    }
}
