using GitOps.Build.Hosting;

namespace GitOps.Build.Arguments;

/// <summary>
/// The arguments every target shares, parsed and checked once at start-up. Task-specific
/// arguments are read by the task through <see cref="ArgumentReader"/>; all of them are listed
/// in <see cref="Help"/> so that <c>--help</c> tells the truth.
/// </summary>
public sealed class BuildArguments
{
    public static readonly IReadOnlyList<(string Name, string Description)> Help =
    [
        ("root=<dir>", "The GitOps repository to work on (default: this repository)."),
        ("root-app=<file>", "The App-of-Apps root Application, relative to --root (default: gitops/argocd/bootstrap/root-app.yaml)."),
        ("projects=<dir>", "The AppProjects folder, relative to --root (default: gitops/argocd/projects)."),
        ("environments=<file>", "Environments and promotion order, relative to --root (default: gitops/environments.yaml)."),
        ("offline", "Do not try to pull remote charts that are not in the cache."),
        ("no-cache", "Run helm even when the chart, values and helm are unchanged since a cached run (.cache/helm)."),
        ("artifacts=<dir>", "Where reports and rendered manifests go, relative to --root (default: artifacts)."),
        ("app=<name>", "An application, as labelled app.kubernetes.io/name on its Argo CD Applications."),
        ("env=<name>", "An environment, as listed in gitops/environments.yaml (dev, staging, prod)."),
        ("parallel=<n>", "How many helm processes run at once (default: the number of cores)."),
        ("helm=<path>", "The helm binary to use (also: HELM variable); otherwise found or installed, see README."),
        ("kubectl=<path>", "The kubectl binary (also: KUBECTL variable), installed by the Tools target."),
        ("timeout=<duration>", "Cluster targets: give up after this long, e.g. 90s, 10m (default: 10m)."),
        ("kubeconfig=<file>", "Cluster targets: the kubeconfig (default: KUBECONFIG or ~/.kube/config)."),
        ("context=<name>", "Cluster targets: the kubeconfig context (default: the current one)."),
        ("key=<KEY>", "SealSecret: the key under secrets.data; the value is read from standard input."),
        ("from-file=<file>", "SealSecret: read the value from this file instead of standard input."),
        ("value=<text>", "SealSecret: the value on the command line (discouraged: it stays in shell history)."),
        ("name=<name>", "SealSecret: the Secret's name, only for a Secret no chart renders (with --namespace)."),
        ("namespace=<ns>", "SealSecret (with --name), SealFile, Unseal: the Secret's namespace when the manifest gives none."),
        ("scope=<scope>", "SealSecret/SealFile: strict (default), namespace-wide or cluster-wide."),
        ("cert=<file>", "Sealing: the certificate (default: gitops/infrastructure/sealed-secrets/pub-cert.pem)."),
        ("input=<file>", "SealFile: a Secret manifest; Unseal: a values file or SealedSecret; RestoreKey: a key backup."),
        ("output=<file>", "SealFile/Unseal: where to write; BackupKey: the backup file."),
        ("key-file=<file>", "Unseal/Reseal/Validate: a key backup holding the controller's private keys."),
        ("show", "Unseal: print the values to the terminal."),
        ("to=<env>", "Promote: the environment to promote into."),
        ("from=<env>", "Promote: take the tag this environment runs (default: the one before --to)."),
        ("tag=<tag>", "Promote: set this tag instead of taking one from another environment."),
        ("force", "Promote: allow skipping an environment; RestoreKey: skip the decryption proof."),
        ("preview", "Promote: print the difference and the commit, change nothing."),
        ("git-tag", "Promote: also create an annotated git tag."),
        ("push", "Promote: push the commit (and tag) to the configured remote."),
        ("argocd-version=<v>", "Bootstrap: the Argo CD version to install."),
        ("argocd-manifest=<path|url>", "Bootstrap: the Argo CD install manifest (air-gapped clusters)."),
        ("restore-key=<file>", "Bootstrap: put these sealing keys in place before the controller starts."),
        ("controller-namespace=<ns>", "Cluster key targets: the Sealed Secrets controller's namespace (default: sealed-secrets)."),
        ("controller-name=<name>", "Cluster key targets: the controller's service name (default: sealed-secrets-controller)."),
    ];

    public BuildArguments(ArgumentReader reader, string workingDirectory, string? defaultRoot)
    {
        Reader = reader;
        WorkingDirectory = workingDirectory;
        RepositoryRoot = reader.Path("root", workingDirectory) ?? defaultRoot ?? workingDirectory;
        ProgramHome = defaultRoot ?? RepositoryRoot;
        if (!Directory.Exists(RepositoryRoot))
        {
            throw new UsageException($"--root={RepositoryRoot}: no such folder. Give the path of a GitOps repository.");
        }
        RootApp = System.IO.Path.GetFullPath(reader.Text("root-app") ?? "gitops/argocd/bootstrap/root-app.yaml", RepositoryRoot);
        ProjectsPath = System.IO.Path.GetFullPath(reader.Text("projects") ?? "gitops/argocd/projects", RepositoryRoot);
        EnvironmentsPath = System.IO.Path.GetFullPath(reader.Text("environments") ?? "gitops/environments.yaml", RepositoryRoot);
        Artifacts = System.IO.Path.GetFullPath(reader.Text("artifacts") ?? "artifacts", RepositoryRoot);
        App = reader.Text("app");
        Environment = reader.Text("env");
        Parallelism = reader.Integer("parallel", System.Environment.ProcessorCount, 1, 64);
        Timeout = reader.Duration("timeout", TimeSpan.FromMinutes(10));
        HelmPath = reader.Path("helm", workingDirectory);
        KubectlPath = reader.Path("kubectl", workingDirectory);
    }

    public ArgumentReader Reader { get; }
    /// <summary>Where the operator stood: paths they give are relative to it.</summary>
    public string WorkingDirectory { get; }
    public string RepositoryRoot { get; }
    /// <summary>
    /// The build program's own repository (where build.sh lives): its .tools/ and .cache/ serve
    /// every repository checked with --root, so pinned tools are installed once.
    /// </summary>
    public string ProgramHome { get; }
    public string RootApp { get; }
    public string ProjectsPath { get; }
    public string EnvironmentsPath { get; }
    public string Artifacts { get; }
    public string? App { get; }
    public string? Environment { get; }
    public int Parallelism { get; }
    public TimeSpan Timeout { get; }
    public string? HelmPath { get; }
    public string? KubectlPath { get; }
}
