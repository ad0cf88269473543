using GitOps.Build.Config;
using GitOps.Build.Git;
using GitOps.Build.Promotion;
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

    public List<(PromotionTarget Target, string ValuesPath)> Validated { get; } = [];

    /// <summary>What the fake validator says; the default accepts everything.</summary>
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
        .. new[] { "dev", "staging", "prod" }.Select(env => new PromotionTarget(App, env, Repo.PathOf(ValuesOf(env)))),
        new PromotionTarget("other-app", "dev", Repo.PathOf("gitops/apps/other-app/values-dev.yaml")),
    ];

    public IGitWorkingTree Git => GitWorkingTree.Open(Repo.Root);

    public EnvironmentCatalog Catalog => EnvironmentCatalog.From(EnvironmentsConfig.Load(Repo.PathOf("gitops/environments.yaml")));

    /// <summary>A stand-in for helm template: the "rendered" Deployment image line from the values file given.</summary>
    public static string FakeRender(PromotionTarget target, string valuesPath)
    {
        var tag = ValuesFile.GetScalar(valuesPath, "image.tag")?.Value;
        return $"kind: Deployment\nmetadata:\n  name: {target.App}\n  namespace: ontu-schedule-{target.Environment}\nspec:\n  template:\n    spec:\n      containers:\n        - image: ghcr.io/x:{tag}\n";
    }

    public Promoter Promoter() => new(Git, Catalog, Targets, (t, path) =>
    {
        Validated.Add((t, path));
        return Validator(t, path);
    }, FakeRender);

    public PromotionResult Promote(PromotionRequest request, bool preview = false, bool gitTag = false, bool push = false) =>
        Promoter().Promote(new PromoteOptions(request, preview, gitTag, push));

    public void Dispose() => Repo.Dispose();
}
