using GitOps.Build.Session;
using GitOps.Build.Checks;
using GitOps.Build.Checks.Runner;
using GitOps.Build.Findings;
using GitOps.Build.GitOps;
using GitOps.Build.Helm;
using GitOps.Build.Pipeline;
using GitOps.Build.Reporting;
using GitOps.Build.Tests.GitOps;
using Spectre.Console;

namespace GitOps.Build.Tests.Pipeline;

/// <summary>
/// The Lint and Template stages' findings with the real pinned helm: values helm quotes never reach
/// a finding, the cache or a report, and the Application's annotation suppresses HELM-* and REMOTE-CHART.
/// </summary>
public sealed class HelmFindingsTests
{
    private const string Secret = "Zorblax-s3cr3t-4711";

    private static string App(string name, string path, string valueFile, string annotations = "{}") => $"""
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata:
          name: {name}
          annotations: {annotations}
        spec:
          project: default
          source:
            repoURL: https://example.com/org/repo.git
            path: {path}
            helm:
              valueFiles: [{valueFile}]
          destination:
            server: https://kubernetes.default.svc
            namespace: demo
        """;

    /// <summary>
    /// "schema": values.schema.json constrains secrets.data.X with a pattern the plain value fails.
    /// "quoting": no schema, but a template that fails quoting the value (helm's own message does).
    /// </summary>
    private static RepoBuilder Repo(string schemaAnnotations = "{}", string quotingAnnotations = "{}", string brokenAnnotations = "{}") => new RepoBuilder().RootApp()
        .Chart("broken")
        .File("broken/templates/broken.yaml", "# first line\n{{ .Values.missing.deeper }}\n")
        .File("values/broken.yaml", "greeting: hi\n")
        .File("argocd/apps/broken.yaml", App("broken", "broken", "../values/broken.yaml", brokenAnnotations))
        .Chart("schema")
        .File("schema/values.schema.json", """
            {"type": "object", "properties": {"secrets": {"type": "object", "properties": {"data": {"type": "object",
              "properties": {"X": {"type": "string", "pattern": "^Ag[A-Za-z0-9+/=]{20,}$"}}}}}}}
            """)
        .File("values/schema.yaml", $"secrets:\n  data:\n    X: {Secret}\n")
        .File("argocd/apps/schema.yaml", App("schema", "schema", "../values/schema.yaml", schemaAnnotations))
        .Chart("quoting")
        .File("quoting/templates/check.yaml", "{{- if .Values.token }}{{ fail (printf \"token %q is not allowed\" .Values.token) }}{{- end }}\n")
        .File("values/quoting.yaml", $"token: {Secret}\n")
        .File("argocd/apps/quoting.yaml", App("quoting", "quoting", "../values/quoting.yaml", quotingAnnotations));

    private static RepositorySession Open(RepoBuilder repo, IHelm? helm = null) => TestSession.Open(repo.Root, "bootstrap/root.yaml", helm: helm);

    [Fact]
    public async Task A_value_helm_quotes_reaches_no_finding_cache_file_or_report()
    {
        using var repo = Repo();
        var helm = new CachingHelm(HelmRunner.Standalone(), new global::GitOps.Build.Tools.Caching.ResultCache(repo.Path(".cache/results")));
        var session = Open(repo, helm);
        var (model, renderer) = (session.Model, session.Renderer);
        var template = new TemplateStage(renderer, 2);
        var report = new RunReport();
        // twice: the second run would read what the first one cached
        for (var run = 0; run < 2; run++)
        {
            report.Record("lint", await renderer.LintAllAsync(model.Units, 2));
            report.Record("template", (await template.RunAsync(model.Units)).Outcomes);
        }

        // Every stage's own findings (the report lists a finding repeated across stages once).
        var findings = report.Outcomes.SelectMany(o => o.Outcome.Findings).ToList();
        var schema = findings.Where(f => f.Object == "Application/schema").ToList();
        Assert.Equal(4, schema.Count); // lint and template, twice
        Assert.All(schema, f =>
        {
            Assert.Equal(("HELM-SCHEMA", "values/schema.yaml", 3), (f.RuleId, f.File, f.Line));
            Assert.Contains("secrets.data.X", f.Message);
            // helm 4 quotes the value ("'...' does not match pattern"), which the redactor replaces;
            // helm 3, the default renderer, does not quote it ("Does not match pattern").
            if (f.Message.Contains(" does not match pattern")) Assert.Contains(MessageRedactor.Placeholder, f.Message);
        });
        // helm lint runs `fail` leniently (it only logs the message, value and all, on standard
        // error: CachingHelm drops that); helm template fails with it.
        var quoting = findings.Where(f => f.Object == "Application/quoting").ToList();
        Assert.Equal(2, quoting.Count);
        Assert.All(quoting, f =>
        {
            Assert.Equal("HELM-TEMPLATE", f.RuleId);
            Assert.Contains("token <value> is not allowed", f.Message);
        });

        // without an annotation the broken chart fails both stages (the suppression test annotates it)
        Assert.Equal(["HELM-LINT", "HELM-TEMPLATE"], findings.Where(f => f.Object == "Application/broken").Select(f => f.RuleId).Distinct().Order());

        Assert.All(findings, f => Assert.DoesNotContain(Secret, $"{f.Message} {f.Fix} {f.Object} {f.File}"));

        var console = new StringWriter();
        var written = ReportWriter.Write(report, repo.Path("artifacts"), AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No, Interactive = InteractionSupport.No, Out = new AnsiConsoleOutput(console),
        }), _ => null);
        Assert.Equal(4, written.Count); // junit.xml, findings.json, findings.sarif, durations.json
        Assert.Contains("HELM-SCHEMA", console.ToString());
        Assert.DoesNotContain(Secret, console.ToString());
        Assert.DoesNotContain(Secret, string.Join("\n", GitHubAnnotations.Lines(report)));
        foreach (var file in Directory.EnumerateFiles(repo.Path("artifacts/reports"), "*", SearchOption.AllDirectories)
                     .Concat(Directory.Exists(repo.Path(".cache")) ? Directory.EnumerateFiles(repo.Path(".cache"), "*", SearchOption.AllDirectories) : []))
        {
            Assert.DoesNotContain(Secret, File.ReadAllText(file));
        }
    }

    [Fact]
    public async Task The_Application_annotation_suppresses_helm_findings_with_a_reason_only()
    {
        using var repo = Repo(
            schemaAnnotations: "{checks.gitops.build/ignore-helm-schema: \"values are sealed in CI, not here\"}",
            quotingAnnotations: "{checks.gitops.build/ignore-helm-template: \"\"}",
            brokenAnnotations: "{checks.gitops.build/ignore-helm-lint: \"chart is replaced in #9\", checks.gitops.build/ignore-helm-template: \"chart is replaced in #9\"}");
        var session = Open(repo);
        var (model, renderer) = (session.Model, session.Renderer);

        var linted = await renderer.LintAllAsync(model.Units, 2);
        var (rendered, _) = await new TemplateStage(renderer, 2).RunAsync(model.Units);

        Assert.Empty(linted.Single(o => o.Unit == "schema").Findings);
        Assert.False(linted.Single(o => o.Unit == "schema").Failed);
        Assert.Empty(rendered.Single(o => o.Unit == "schema").Findings);
        Assert.Empty(linted.Single(o => o.Unit == "broken").Findings);
        Assert.Empty(rendered.Single(o => o.Unit == "broken").Findings);
        Assert.False(rendered.Single(o => o.Unit == "broken").Failed);
        // an empty reason suppresses nothing
        Assert.Equal(["HELM-TEMPLATE"], rendered.Single(o => o.Unit == "quoting").Findings.Select(f => f.RuleId).Distinct());

        // and the empty reason is itself a finding of Validate's
        var checks = CheckRunner.Run(model, new Dictionary<string, IReadOnlyList<global::GitOps.Build.Manifests.ManifestObject>>(), CheckOptions.Default);
        Assert.Contains(checks, f => f.RuleId == "CHECK-SUPPRESSION-REASON" && f.File == "argocd/apps/quoting.yaml");
    }

    [Fact]
    public async Task A_remote_chart_not_rendered_is_suppressed_by_the_Application()
    {
        using var repo = new RepoBuilder().RootApp().File("argocd/apps/r.yaml", """
            apiVersion: argoproj.io/v1alpha1
            kind: Application
            metadata:
              name: r
              annotations: {checks.gitops.build/ignore-remote-chart: "rendered by the vendor's CI"}
            spec:
              source:
                repoURL: https://charts.example.com
                chart: thing
                targetRevision: 1.0.0
              destination:
                server: https://kubernetes.default.svc
                namespace: demo
            """);
        var session = Open(repo);
        var (outcomes, rendered) = await new TemplateStage(session.Renderer, 2).RunAsync(session.Model.Units);
        Assert.Empty(Assert.Single(outcomes).Findings);
        Assert.Empty(rendered);
    }

    /// <summary>
    /// Inline values (valuesObject, or a values block) reach helm through a scratch file: a schema violation they set is
    /// named at the Application that holds them (the violated key of valuesObject; the values block), not at that file,
    /// which no reviewer can open and which is gone when the run ends.
    /// </summary>
    [Theory]
    [InlineData("valuesObject:\n          replicas: many", "replicas: many")]
    [InlineData("values: |\n          replicas: many", "values: |")]
    public async Task A_schema_violation_inline_values_set_is_named_at_the_Application(string inline, string expectedLine)
    {
        var app = $"""
            apiVersion: argoproj.io/v1alpha1
            kind: Application
            metadata:
              name: inline
            spec:
              project: default
              source:
                repoURL: https://example.com/org/repo.git
                path: inline
                helm:
                  {inline}
              destination:
                server: https://kubernetes.default.svc
                namespace: demo
            """;
        using var repo = new RepoBuilder().RootApp()
            .Chart("inline")
            .File("inline/values.schema.json", """{"type": "object", "properties": {"replicas": {"type": "integer"}}}""")
            .File("argocd/apps/inline.yaml", app);
        var session = Open(repo);

        var lint = Assert.Single(await session.Renderer.LintAllAsync(session.Model.Units, 1));
        var (outcomes, _) = await new TemplateStage(session.Renderer, 1).RunAsync(session.Model.Units);

        var findings = lint.Findings.Concat(Assert.Single(outcomes).Findings).Where(f => f.RuleId == "HELM-SCHEMA").ToList();
        Assert.NotEmpty(findings);
        var line = File.ReadAllLines(repo.Path("argocd/apps/inline.yaml")).ToList().FindIndex(l => l.Trim() == expectedLine) + 1;
        Assert.All(findings, f => Assert.Equal(("argocd/apps/inline.yaml", line), (f.File, f.Line)));
    }
}
