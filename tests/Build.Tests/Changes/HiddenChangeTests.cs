using GitOps.Build.GitOps;
using GitOps.Build.Tests.GitOps;
using GitOps.Build.Tests.Sealing;

namespace GitOps.Build.Tests.Changes;

/// <summary>
/// Every file a build reads is an input of its unit, so no change hides from Diff or CI --since:
/// files named only inside generator, transformer and validator configs (a config file, a folder of
/// configs, an inline config), through components and bases, helmCharts value files and chart files,
/// patches, replacements, openapi and crds; and a Helm chart's files reached through a symlink inside
/// the repository. Changing any one of them touches the unit.
/// </summary>
[Collection(ConsoleCapture.Name)]
public sealed class HiddenChangeTests
{
    /// <summary>An overlay at apps/gen that reads a file of each kind, and an Application for it.</summary>
    private static DiffRepository Repository()
    {
        var repo = new DiffRepository()
            .Write("argocd/apps/gen.yaml", RepoBuilder.Application("gen", "apps/gen", ns: "gen"))
            .Write("apps/gen/kustomization.yaml", """
                resources:
                  - ../base
                components:
                  - ../component
                generators:
                  - gen.yaml
                  - gens
                  - |
                    apiVersion: builtin
                    kind: ConfigMapGenerator
                    metadata:
                      name: inline
                    files:
                      - data/inline.txt
                transformers:
                  - labels.yaml
                replacements:
                  - path: replacement.yaml
                helmCharts:
                  - name: demo
                    releaseName: demo
                    valuesFile: data/helm-values.yaml
                """)
            .Write("apps/gen/gen.yaml", "apiVersion: builtin\nkind: ConfigMapGenerator\nmetadata:\n  name: settings\nfiles:\n  - data/app.properties\nenvs:\n  - data/extra.env\n")
            .Write("apps/gen/gens/kustomization.yaml", "resources:\n  - secret-gen.yaml\n")
            .Write("apps/gen/gens/secret-gen.yaml", "apiVersion: builtin\nkind: SecretGenerator\nmetadata:\n  name: creds\nfiles:\n  - token=data/token.txt\n")
            .Write("apps/gen/labels.yaml", "apiVersion: builtin\nkind: PatchTransformer\nmetadata:\n  name: patch\npath: data/patch.yaml\ntarget:\n  kind: ConfigMap\n  name: base\n")
            .Write("apps/gen/replacement.yaml", "source:\n  kind: ConfigMap\n  name: base\n  fieldPath: data.color\ntargets:\n  - select:\n      kind: ConfigMap\n      name: base\n    fieldPaths:\n      - data.copy\n")
            .Write("apps/gen/data/app.properties", "color=blue\n")
            .Write("apps/gen/data/extra.env", "SIZE=small\n")
            .Write("apps/gen/data/inline.txt", "inline-v1\n")
            .Write("apps/gen/data/token.txt", "t0ken\n")
            .Write("apps/gen/data/patch.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: base\ndata:\n  patched: v1\n")
            .Write("apps/gen/data/helm-values.yaml", "greeting: hello\n")
            .Write("apps/base/kustomization.yaml", "resources:\n  - cm.yaml\n")
            .Write("apps/base/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: base\ndata:\n  color: red\n  copy: none\n")
            .Write("apps/component/kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\ngenerators:\n  - comp-gen.yaml\n")
            .Write("apps/component/comp-gen.yaml", "apiVersion: builtin\nkind: ConfigMapGenerator\nmetadata:\n  name: component\nenvs:\n  - component.env\n")
            .Write("apps/component/component.env", "MODE=a\n");
        repo.Files.Chart("apps/gen/charts/demo");
        repo.Commit("seed");
        return repo;
    }

    public static TheoryData<string> ReadFiles => new()
    {
        "apps/gen/data/app.properties",      // files: of a generator config file
        "apps/gen/data/extra.env",           // envs: of the same
        "apps/gen/data/inline.txt",          // files: of an inline generator config
        "apps/gen/data/token.txt",           // key=path in a folder of generator configs
        "apps/gen/data/patch.yaml",          // path: of a transformer config
        "apps/gen/replacement.yaml",         // replacements: path
        "apps/gen/data/helm-values.yaml",    // helmCharts valuesFile
        "apps/gen/charts/demo/templates/configmap.yaml", // a chart kustomize inflates
        "apps/component/component.env",      // envs: of a component's generator config
        "apps/base/cm.yaml",                 // a base's resource
    };

    [Theory]
    [MemberData(nameof(ReadFiles))]
    public void Every_file_the_build_reads_is_an_input_of_its_unit(string file)
    {
        using var repo = Repository();
        var model = TestSession.Open(repo.Root, "bootstrap/root.yaml").Model;
        var unit = Assert.Single(model.Units, u => u.Id == "gen");
        Assert.Contains(repo.Files.Path(file), unit.Inputs);
    }

    [Fact]
    public void A_file_named_only_in_a_generator_config_is_a_change_Diff_and_since_see()
    {
        using var repo = Repository();
        repo.Write("apps/gen/data/app.properties", "color=green\n");

        var (code, output) = repo.Diff("--base=HEAD");
        Assert.True(code == 0, output);
        Assert.Equal(["gen:changed"], repo.TouchedUnits);
        Assert.Contains("color=green", repo.Report("diff.md"));

        (code, output) = repo.Run("--target=CI", "--since=HEAD");
        Assert.Contains("1 of 1 units touched: gen", output);
    }

    [Fact]
    public void A_chart_file_reached_through_a_symlink_inside_the_repository_is_an_input()
    {
        using var repo = new DiffRepository().App("demo", "dev", "greeting: hello\n")
            .Write("shared/templates/extra.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\ndata:\n  v: one\n");
        Directory.Delete(repo.Files.Path("charts/demo/templates"), recursive: true);
        Directory.CreateDirectory(repo.Files.Path("charts/demo/templates"));
        File.WriteAllText(repo.Files.Path("charts/demo/templates/configmap.yaml"),
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\ndata:\n  greeting: {{ .Values.greeting | quote }}\n");
        File.CreateSymbolicLink(repo.Files.Path("charts/demo/templates/extra.yaml"), "../../../shared/templates/extra.yaml");
        repo.Commit("seed");
        repo.Write("shared/templates/extra.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\ndata:\n  v: two\n");

        var (code, output) = repo.Diff("--base=HEAD");

        Assert.True(code == 0, output);
        Assert.Equal(["demo-dev:changed"], repo.TouchedUnits);
    }
}
