using Cake.Core.Diagnostics;
using GitOps.Build.Primitives;

namespace GitOps.Build.Sealing.Operations;

/// <summary>
/// The certificate and key backup a sealing operation works with, loaded the one way every target
/// loads them and named on the log (which file, which key, until when), never their secret parts.
/// </summary>
public static class SealingInputs
{
    /// <summary>The certificate for an operation that seals: its problem is the operation's error; its warnings and identity are logged.</summary>
    /// <param name="shown">The certificate file as the log names it (relative to the repository when inside it).</param>
    public static SealingCertificate Certificate(CertificateLoad loaded, string shown, ICakeLog log)
    {
        var certificate = loaded.Require();
        foreach (var warning in loaded.Warnings) log.Warn(warning);
        log.Say($"certificate {shown}: RSA {certificate.KeySizeBits}, SHA-256 {certificate.Sha256Fingerprint}, expires {certificate.NotAfter:yyyy-MM-dd}");
        return certificate;
    }

    /// <summary>A key backup, checked whole (every key an RSA key matching its certificate); its keys are named on the log.</summary>
    public static KeyBackup Keys(string path, string shown, ICakeLog log)
    {
        var backup = KeyBackupReader.LoadFile(path).EnsureValid();
        log.Say($"key file {shown}: {backup.Keys.Count} key(s): {string.Join(", ", backup.Keys.Select(k => k.Name))}");
        return backup;
    }
}
