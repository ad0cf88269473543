namespace GitOps.Build.Tests.GitOps;

/// <summary>Writes a small GitOps repository into a temp folder, file by file.</summary>
public sealed class RepoBuilder : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("repo-").FullName;

    public RepoBuilder File(string relative, string text)
    {
        var path = System.IO.Path.Combine(Root, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllText(path, text.Replace("\r\n", "\n"));
        return this;
    }

    public string Path(string relative) => System.IO.Path.Combine(Root, relative);

    /// <summary>A minimal chart that renders one ConfigMap holding the values it was given.</summary>
    public RepoBuilder Chart(string relative, string name = "demo") =>
        File($"{relative}/Chart.yaml", $"apiVersion: v2\nname: {name}\nversion: 0.1.0\n")
        .File($"{relative}/values.yaml", "greeting: hello\n")
        .File($"{relative}/templates/configmap.yaml",
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n  namespace: {{ .Release.Namespace }}\ndata:\n  greeting: {{ .Values.greeting | quote }}\n");

    /// <summary>An Application with one source from this repository at <paramref name="path"/>; <paramref name="helm"/> is the body of its helm: block.</summary>
    public static string Application(string name, string path, string ns = "demo", string? helm = null) => $"""
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata:
          name: {name}
        spec:
          project: default
          source:
            repoURL: https://example.com/org/repo.git
            path: {path}
        {(helm is null ? "" : "    helm:\n" + helm + "\n")}  destination:
            server: https://kubernetes.default.svc
            namespace: {ns}
        """;

    public RepoBuilder RootApp(string path = "argocd/apps", string extra = "") => File("bootstrap/root.yaml", RootAppYaml(path, extra));

    /// <summary>A root Application named root, in argocd, over the folder <paramref name="path"/> of this repository.</summary>
    public static string RootAppYaml(string path = "argocd/apps", string extra = "") => $"""
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata:
          name: root
          namespace: argocd
        spec:
          project: default
          source:
            repoURL: https://example.com/org/repo.git
            targetRevision: main
            path: {path}
        {extra}
          destination:
            server: https://kubernetes.default.svc
            namespace: argocd
        """;

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}
