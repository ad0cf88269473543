namespace GitOps.Build.Arguments.Settings;

/// <summary>The sealing certificate.</summary>
public sealed class CertificateSettings
{
    [Argument("cert", "The sealing certificate.", Value = "file", Path = ArgumentPath.FromWorkingDirectory, DefaultText = "gitops/infrastructure/sealed-secrets/pub-cert.pem")]
    public string? Cert { get; set; }
}

/// <summary>Validate's key file: with it, every sealed value must open under its Application's label.</summary>
public sealed class ValidateSettings
{
    [Argument("key-file", "A key backup holding the controller's private keys; every sealed value must open with it.", Value = "file", Path = ArgumentPath.FromWorkingDirectory)]
    public string? KeyFile { get; set; }
}

/// <summary>SealSecret's own arguments.</summary>
public sealed class SealSecretSettings
{
    [Argument("app", "The application whose values file gets the sealed value.", Value = "name", Required = true)]
    public string App { get; set; } = "";

    [Argument("env", "The environment whose values file gets the sealed value.", Value = "name", Required = true)]
    public string Environment { get; set; } = "";

    [Argument("key", "The key under secrets.data; the value is read from standard input.", Value = "KEY", Required = true)]
    public string Key { get; set; } = "";

    [Argument("from-file", "Read the value from this file instead of standard input.", Value = "file", Path = ArgumentPath.FromWorkingDirectory)]
    public string? FromFile { get; set; }

    [Argument("value", "The value on the command line (discouraged: it stays in shell history).", Value = "text")]
    public string? Value { get; set; }

    [Argument("name", "The Secret's name, only for a Secret no chart renders (with --namespace).", Value = "name")]
    public string? Name { get; set; }

    [Argument("namespace", "The Secret's namespace, with --name.", Value = "ns")]
    public string? Namespace { get; set; }

    [Argument("scope", "The sealing scope.", Value = "scope", Allowed = ["strict", "namespace-wide", "cluster-wide"], DefaultText = "the one the chart renders, else strict")]
    public string? Scope { get; set; }
}

/// <summary>SealFile's own arguments.</summary>
public sealed class SealFileSettings
{
    [Argument("input", "The Secret manifest to seal.", Value = "file", Path = ArgumentPath.FromWorkingDirectory, Required = true)]
    public string Input { get; set; } = "";

    [Argument("output", "Where to write the SealedSecret.", Value = "file", Path = ArgumentPath.FromWorkingDirectory, DefaultText = "standard output")]
    public string? Output { get; set; }

    [Argument("namespace", "The Secret's namespace when the manifest gives none.", Value = "ns")]
    public string? Namespace { get; set; }

    [Argument("scope", "The sealing scope.", Value = "scope", Allowed = ["strict", "namespace-wide", "cluster-wide"], DefaultText = "from the manifest's annotations, else strict")]
    public string? Scope { get; set; }
}

/// <summary>Unseal's own arguments.</summary>
public sealed class UnsealSettings
{
    [Argument("key-file", "A key backup holding the controller's private keys (BackupKey output, kubectl get secret -o yaml, or PEM).", Value = "file", Path = ArgumentPath.FromWorkingDirectory, Required = true)]
    public string KeyFile { get; set; } = "";

    [Argument("input", "A values file or a SealedSecret manifest.", Value = "file", Path = ArgumentPath.FromWorkingDirectory, DefaultText = "every Application's sealed values")]
    public string? Input { get; set; }

    [Argument("output", "Where to write the opened Secrets (owner-only permissions).", Value = "file", Path = ArgumentPath.FromWorkingDirectory)]
    public string? Output { get; set; }

    [Argument("show", "Print the opened values to the terminal.")]
    public bool Show { get; set; }

    [Argument("namespace", "The Secret's namespace when the SealedSecret gives none.", Value = "ns")]
    public string? Namespace { get; set; }

    [Argument("force", "Write --output even inside the repository's work tree where git does not ignore it.")]
    public bool Force { get; set; }
}

/// <summary>Reseal's own arguments.</summary>
public sealed class ResealSettings
{
    [Argument("key-file", "A key backup holding the old private keys.", Value = "file", Path = ArgumentPath.FromWorkingDirectory, Required = true)]
    public string KeyFile { get; set; } = "";
}
