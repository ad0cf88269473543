using Cake.Core.Diagnostics;
using GitOps.Build.IO;
using GitOps.Build.Primitives;

namespace GitOps.Build.Sealing.Operations;

/// <summary>
/// SealFile: a Secret manifest sealed into a SealedSecret for the certificate, as kubeseal does, written
/// to a file (atomically) or, without one, to the writer given (standard output, so it can be piped, as
/// kubeseal prints it: a SealedSecret holds nothing secret).
/// </summary>
public sealed class SealFileOperation(ICakeLog log, TextWriter output)
{
    /// <param name="shownCertificate">The certificate file as the log names it.</param>
    /// <exception cref="InputException">The input file does not exist.</exception>
    public void Run(string input, string? outputFile, SealFileOptions options, CertificateLoad certificateLoad, string shownCertificate)
    {
        if (!File.Exists(input)) throw new InputException($"--input={input}: no such file.");
        var certificate = SealingInputs.Certificate(certificateLoad, shownCertificate, log);
        var sealedYaml = SecretManifestSealer.Seal(File.ReadAllText(input), input, certificate, options);
        if (outputFile is null)
        {
            output.Write(sealedYaml);
            return;
        }
        AtomicFile.WriteAllText(outputFile, sealedYaml);
        log.Say($"sealed {input} -> {outputFile}");
    }
}
