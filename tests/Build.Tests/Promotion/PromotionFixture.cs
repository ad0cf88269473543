using GitOps.Build.Config;
using GitOps.Build.Git;
using GitOps.Build.Promotion;
using GitOps.Build.Manifests;
using GitOps.Build.Yaml;

namespace GitOps.Build.Tests.Promotion;

/// <summary>
/// A small GitOps repository in a temporary git repo: environments.yaml and per-environment values files
/// written like people write them (comments, quotes, blank lines; prod with CRLF).
/// </summary>
internal sealed class PromotionFixture : IDisposable
{
    public const string App = "ontu-schedule-bot-admin";

    public const string EnvironmentsYaml = """
        # Promotion order and per-environment rules, read by Promote and PromotionStatus.
        promotion:
          order: [dev, staging, prod]
        environments:
          dev:
            namespace: ontu-schedule-dev
          staging:
            namespace: ontu-schedule-staging
          prod:
            namespace: ontu-schedule-prod
            immutableTags: true

        """;

    public static string Values(string env, string tagLine) => $"""
        # {env} values for {App}
        replicaCount: 1

        image:
          repository: ghcr.io/wandering-cursor/ontu-schedule-bot-admin
          # set by Promote
          {tagLine}
          pullPolicy: IfNotPresent

        config:
          LOG_LEVEL: "info"

        """;

    public TempGitRepository Repo { get; } = new();

    /// <summary>Every validation asked for: the target and the edited files' texts (absolute path → text).</summary>
    public List<(PromotionTarget Target, IReadOnlyDictionary<string, string> Edits)> Validated { get; } = [];

    /// <summary>What the fake validator says about the edited values file's text; the default accepts everything.</summary>
    public Func<PromotionTarget, string, ValidationOutcome> Validator { get; set; } = (_, _) => ValidationOutcome.Success;

    public PromotionFixture(string dev = "develop", string staging = "staging", string prod = "\"v1.0.0\"")
    {
        Repo.Write("gitops/environments.yaml", EnvironmentsYaml);
        Repo.Write(ValuesOf("dev"), Values("dev", $"tag: {dev}  # CI pushes develop"));
        Repo.Write(ValuesOf("staging"), Values("staging", $"tag: {staging}"));
        Repo.Write(ValuesOf("prod"), Values("prod", $"tag: {prod}").Replace("\n", "\r\n"));
        Repo.Write("gitops/apps/other-app/values-dev.yaml", "image:\n  tag: main\n");
        Repo.CommitAll("initial gitops content");
    }

    public static string ValuesOf(string env) => $"gitops/apps/{App}/values-{env}.yaml";

    public IReadOnlyList<PromotionTarget> Targets =>
    [
        .. new[] { "dev", "staging", "prod" }.Select(env => Target(App, env, ValuesOf(env))),
        Target("other-app", "dev", "gitops/apps/other-app/values-dev.yaml"),
    ];

    private PromotionTarget Target(string app, string env, string values) =>
        new(app, env, $"{app}-{env}", [new SourceFile(Repo.PathOf(values), true, [])], Repo.PathOf(values));

    public IGitWorkingTree Git => GitWorkingTree.Open(Repo.Root);

    public EnvironmentCatalog Catalog => EnvironmentCatalog.From(EnvironmentsConfig.Load(Repo.PathOf("gitops/environments.yaml")));

    public string HoldsFile => Repo.PathOf("promotion-holds.yaml");

    /// <summary>A stand-in for helm template: a Deployment whose image's tag is image.tag of the values file (its edited text when given).</summary>
    public static IReadOnlyList<ManifestObject> FakeRender(PromotionTarget target, IReadOnlyDictionary<string, string> edits)
    {
        var file = target.Files[0].Path;
        var text = edits.TryGetValue(file, out var edited) ? edited : File.ReadAllText(file);
        var tag = YamlScalarEditor.GetScalar(text, "image.tag", file)?.Value;
        return ManifestReader.Read(
            $"apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {target.App}\n  namespace: ontu-schedule-{target.Environment}\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: ghcr.io/x:{tag}\n",
            "rendered.yaml");
    }

    /// <summary>The fake renderer: <see cref="FakeRender"/>, and validation through <see cref="Validator"/> (recorded in <see cref="Validated"/>).</summary>
    public IPromotionRenderer Renderer => new FakeRenderer(this);

    public Promoter Promoter(IGitWorkingTree? git = null, TimeProvider? clock = null) => new(git ?? Git, Catalog, Targets, Renderer, HoldsFile, clock);

    public PromotionResult Promote(PromotionRequest request, bool preview = false, bool gitTag = false, bool push = false) =>
        Promoter().Promote(new PromoteOptions(request, preview, gitTag, push));

    /// <summary>Renders with <see cref="FakeRender"/>; validates through the fixture's <see cref="Validator"/> (recorded), or accepts all without a fixture.</summary>
    internal sealed class FakeRenderer(PromotionFixture? fixture = null) : IPromotionRenderer
    {
        public IReadOnlyList<ManifestObject> Render(PromotionTarget target, IReadOnlyDictionary<string, string> edits) => FakeRender(target, edits);

        public ValidationOutcome Validate(PromotionTarget target, IReadOnlyDictionary<string, string> edits)
        {
            if (fixture is null) return ValidationOutcome.Success;
            fixture.Validated.Add((target, edits));
            return fixture.Validator(target, edits.TryGetValue(target.Files[0].Path, out var text) ? text : File.ReadAllText(target.Files[0].Path));
        }
    }

    public void Dispose() => Repo.Dispose();
}
