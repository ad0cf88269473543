using System.Collections.Concurrent;
using GitOps.Build.Config;

namespace GitOps.Build.Sealing;

/// <summary>
/// Where a repository keeps its Sealed Secrets certificate when it is neither given (--cert,
/// gitops-build.yaml's sealing.certificate) nor at the usual place: the one PEM certificate file
/// (.pem, .crt, .cert) whose path says it is for sealing ("seal" in a folder or file name, as in
/// sealed-secrets/ or kubeseal.pem). Several such files, or none, find nothing: guessing between
/// two clusters' certificates would check values against the wrong key. Links are not followed,
/// and git, build output and caches are passed over. Read once per repository and run.
/// </summary>
public static class CertificateDiscovery
{
    /// <summary>The usual place, relative to the root: where FetchCert saves one.</summary>
    public const string UsualPlace = "gitops/infrastructure/sealed-secrets/pub-cert.pem";

    private static readonly string[] Extensions = [".pem", ".crt", ".cert"];
    private static readonly ConcurrentDictionary<string, string?> Found = new(StringComparer.Ordinal);

    /// <summary>
    /// The certificate that seals for an Application's destination: the one given (--cert), else the one
    /// the repository configuration gives its cluster (sealing.clusters, else sealing.certificate), else
    /// the usual place when it is there, else the one sealing certificate the repository keeps elsewhere
    /// (<see cref="Find"/>), else the usual place (where FetchCert saves one, and what a missing
    /// certificate's warning names).
    /// </summary>
    public static string PathFor(string? given, RepositoryConfig config, string root, string? destinationName = null, string? destinationServer = null)
    {
        if (given is not null) return given;
        if (config.CertificateFor(destinationName, destinationServer) is { } configured) return configured;
        var usual = Path.Combine(root, UsualPlace);
        return File.Exists(usual) ? usual : Find(root) ?? usual;
    }

    /// <summary>The repository's one sealing certificate, absolute; null when it keeps none or several.</summary>
    public static string? Find(string root) => Found.GetOrAdd(Path.GetFullPath(root), Search);

    private static string? Search(string root)
    {
        var candidates = new List<string>();
        foreach (var entry in IO.FolderWalk.Entries(root, dir => !IO.FolderWalk.NotRepositoryContent.Contains(dir.Name)))
        {
            if (entry is not FileInfo { Length: < 64_000 } file || entry.LinkTarget != null) continue;
            if (!Extensions.Contains(file.Extension.ToLowerInvariant())) continue;
            if (!Path.GetRelativePath(root, file.FullName).Contains("seal", StringComparison.OrdinalIgnoreCase)) continue;
            string text;
            try { text = File.ReadAllText(file.FullName); }
            catch (IOException) { continue; }
            catch (UnauthorizedAccessException) { continue; }
            // A certificate, never a private key (a key file next to it is not ours to read).
            if (text.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal) && !text.Contains("PRIVATE KEY-----", StringComparison.Ordinal))
                candidates.Add(file.FullName);
        }
        return candidates.Count == 1 ? candidates[0] : null;
    }
}
