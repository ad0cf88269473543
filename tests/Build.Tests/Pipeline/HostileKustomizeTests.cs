using GitOps.Build.Tests.GitOps;
using GitOps.Build.Tests.Hosting;
using GitOps.Build.Tests.Sealing;

namespace GitOps.Build.Tests.Pipeline;

/// <summary>
/// Kustomizations written to read the runner's files, with <c>argocd.kustomize.loadRestrictor:
/// LoadRestrictionsNone</c> (which a pull request can set itself): an inline generator, a generator
/// config file, a folder of generator configs, a transformer config, a component, replacements, a
/// helmCharts value file, a symlinked data file, a symlink nobody names in a base, a <c>file://</c>
/// resource, a component the Application's own spec.source.kustomize adds, each reaching a folder
/// outside by an absolute path or by climbing with <c>../</c>; and an
/// exec plugin config that would write outside if kustomize ran it. Each is GITOPS-PATH at the file
/// and line that names it (or fails to build, for the plugin), the well-behaved overlay still renders,
/// and nothing outside is read into a report, written or deleted.
/// </summary>
[Collection(ConsoleCapture.Name)]
public sealed class HostileKustomizeTests : IDisposable
{
    private readonly OutsideFolder _outside = new();
    private readonly RepoBuilder _repo = new();

    public void Dispose()
    {
        _repo.Dispose();
        _outside.Dispose();
    }

    /// <summary>A relative path from <paramref name="from"/> (a folder of the repository) that climbs to / and down to <paramref name="absolute"/>.</summary>
    private static string Climb(string absolute) => string.Concat(Enumerable.Repeat("../", 30)) + absolute.TrimStart('/');

    private RepoBuilder App(string name, string overlay)
    {
        _repo.File($"argocd/apps/{name}.yaml", RepoBuilder.Application(name, overlay, ns: name));
        return _repo;
    }

    /// <summary>The 1-based line of the first line of <paramref name="relative"/> holding <paramref name="text"/>.</summary>
    private int LineOf(string relative, string text) =>
        File.ReadAllLines(_repo.Path(relative)).Select((l, i) => (l, i)).First(p => p.l.Contains(text, StringComparison.Ordinal)).i + 1;

    [Fact]
    public void No_kustomization_reads_outside_the_repository_whatever_the_load_restrictor()
    {
        var secret = _outside.Path("secret.txt");
        var cm = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: plain\ndata:\n  a: b\n";
        _repo.RootApp().File("gitops-build.yaml", "argocd:\n  kustomize:\n    loadRestrictor: LoadRestrictionsNone\n");

        App("inline", "apps/inline").File("apps/inline/kustomization.yaml", $"""
            generators:
              - |
                apiVersion: builtin
                kind: ConfigMapGenerator
                metadata:
                  name: stolen
                files:
                  - {secret}
            """);
        App("genfile", "apps/genfile").File("apps/genfile/kustomization.yaml", "generators:\n  - gen.yaml\n")
            .File("apps/genfile/gen.yaml", $"apiVersion: builtin\nkind: ConfigMapGenerator\nmetadata:\n  name: stolen\nenvs:\n  - {Climb(_outside.Path("nested/data.env"))}\n");
        App("gendir", "apps/gendir").File("apps/gendir/kustomization.yaml", "generators:\n  - gens\n")
            .File("apps/gendir/gens/kustomization.yaml", "resources:\n  - cm-gen.yaml\n")
            .File("apps/gendir/gens/cm-gen.yaml", $"apiVersion: builtin\nkind: SecretGenerator\nmetadata:\n  name: stolen\nfiles:\n  - key={secret}\n");
        App("transformer", "apps/transformer").File("apps/transformer/kustomization.yaml", "resources:\n  - cm.yaml\ntransformers:\n  - patch.yaml\n")
            .File("apps/transformer/cm.yaml", cm)
            .File("apps/transformer/patch.yaml", $"apiVersion: builtin\nkind: PatchTransformer\nmetadata:\n  name: p\npath: {_outside.Path("values.yaml")}\n");
        App("component", "apps/component").File("apps/component/kustomization.yaml", "resources:\n  - cm.yaml\ncomponents:\n  - ../shared-component\n")
            .File("apps/component/cm.yaml", cm)
            .File("apps/shared-component/kustomization.yaml", $"apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nconfigMapGenerator:\n  - name: stolen\n    envs:\n      - {Climb(_outside.Path("nested/data.env"))}\n");
        App("replacements", "apps/replacements").File("apps/replacements/kustomization.yaml", $"resources:\n  - cm.yaml\nreplacements:\n  - path: {_outside.Path("values.yaml")}\n")
            .File("apps/replacements/cm.yaml", cm);
        App("helmvalues", "apps/helmvalues").Chart("apps/helmvalues/charts/demo")
            .File("apps/helmvalues/kustomization.yaml", $"helmCharts:\n  - name: demo\n    releaseName: demo\n    valuesFile: {Climb(_outside.Path("values.yaml"))}\n");
        App("linked", "apps/linked").File("apps/linked/kustomization.yaml", "configMapGenerator:\n  - name: stolen\n    files:\n      - ../linked-data/data.txt\n");
        Directory.CreateDirectory(_repo.Path("apps/linked-data"));
        File.CreateSymbolicLink(_repo.Path("apps/linked-data/data.txt"), secret);
        App("stray", "apps/stray").File("apps/stray/kustomization.yaml", "resources:\n  - ../stray-base\n")
            .File("apps/stray-base/kustomization.yaml", "resources:\n  - cm.yaml\n").File("apps/stray-base/cm.yaml", cm);
        Directory.CreateSymbolicLink(_repo.Path("apps/stray-base/elsewhere"), _outside.Root);
        App("fileurl", "apps/fileurl").File("apps/fileurl/kustomization.yaml", $"resources:\n  - file://{_outside.Root}\n");
        // An exec function: kustomize would run it only with --enable-alpha-plugins --enable-exec, which it never gets.
        App("exec", "apps/exec").File("apps/exec/kustomization.yaml", "resources:\n  - cm.yaml\ntransformers:\n  - plugin.yaml\n")
            .File("apps/exec/cm.yaml", cm)
            .File("apps/exec/plugin.yaml", "apiVersion: example.com/v1\nkind: Evil\nmetadata:\n  name: evil\n  annotations:\n    config.kubernetes.io/function: |\n      exec:\n        path: ./evil.sh\n");
        Support.FakeTool.Write(_repo.Path("apps/exec"), "evil.sh", $"touch {_outside.Path("pwned")}\ncat");
        // A component the Application itself adds (spec.source.kustomize.components), as Argo CD's kustomize edit would.
        _repo.File("apps/appcomp/kustomization.yaml", "resources:\n  - cm.yaml\n").File("apps/appcomp/cm.yaml", cm)
            .File("argocd/apps/appcomp.yaml", RepoBuilder.Application("appcomp", "apps/appcomp", ns: "appcomp")
                .Replace("    path: apps/appcomp\n", $"    path: apps/appcomp\n    kustomize:\n      components:\n        - {Climb(_outside.Path("nested"))}\n"));
        App("fine", "apps/fine").File("apps/fine/kustomization.yaml", "generators:\n  - gen.yaml\n")
            .File("apps/fine/gen.yaml", "apiVersion: builtin\nkind: ConfigMapGenerator\nmetadata:\n  name: settings\nfiles:\n  - app.properties\n")
            .File("apps/fine/app.properties", "color=blue\n");
        var before = _outside.Snapshot();

        var harness = new HostHarness();
        var code = harness.RunProgram(["--target=CI", $"--root={_repo.Root}", "--root-app=bootstrap/root.yaml", $"--helm={TestTools.Helm}", $"--kubectl={TestTools.Kubectl}", "--offline"]);

        Assert.True(code == 1, harness.Output);
        var findings = ReportedFindings.Read(_repo.Root);
        void Refused(string file, int line) => findings.AssertReported("GITOPS-PATH", file, line, "outside");
        Refused("apps/inline/kustomization.yaml", 2);
        Refused("apps/genfile/gen.yaml", LineOf("apps/genfile/gen.yaml", "../"));
        Refused("apps/gendir/gens/cm-gen.yaml", LineOf("apps/gendir/gens/cm-gen.yaml", "key="));
        Refused("apps/transformer/patch.yaml", LineOf("apps/transformer/patch.yaml", "path:"));
        Refused("apps/shared-component/kustomization.yaml", LineOf("apps/shared-component/kustomization.yaml", "../"));
        Refused("apps/replacements/kustomization.yaml", LineOf("apps/replacements/kustomization.yaml", "path:"));
        Refused("apps/helmvalues/kustomization.yaml", LineOf("apps/helmvalues/kustomization.yaml", "valuesFile:"));
        Refused("apps/linked/kustomization.yaml", LineOf("apps/linked/kustomization.yaml", "data.txt"));
        Refused("apps/stray/kustomization.yaml", LineOf("apps/stray/kustomization.yaml", "../stray-base"));
        Refused("apps/fileurl/kustomization.yaml", 2);
        Refused("argocd/apps/appcomp.yaml", LineOf("argocd/apps/appcomp.yaml", "../"));
        Assert.Contains(findings.All, f => f.Rule == "KUSTOMIZE-BUILD" && f.File.StartsWith("apps/exec/", StringComparison.Ordinal));
        Assert.Contains("color=blue", File.ReadAllText(_repo.Path("artifacts/rendered/fine.yaml")));
        _outside.AssertUntouched(before, _repo.Path("artifacts"));
        Assert.DoesNotContain(_outside.Marker, harness.Output);
        Assert.False(File.Exists(_outside.Path("pwned")));
    }
}
