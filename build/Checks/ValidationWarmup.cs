using GitOps.Build.Checks.Schema;
using GitOps.Build.Sealing;

namespace GitOps.Build.Checks;

/// <summary>
/// Validate's one-time costs, paid on a background thread while Lint and Template run (on a
/// cached run they leave the second core idle): JsonSchema.Net's set-up and the CRD schemas, and
/// the platform's X.509 code that reading the sealing certificate loads. Nothing here has an
/// effect beyond warm caches: what fails is reported by Validate itself when it gets there.
/// </summary>
public static class ValidationWarmup
{
    public static Task Start(string? certificatePath) => Task.Run(() =>
    {
        try
        {
            CrdSchemas.Preload();
            if (certificatePath != null && File.Exists(certificatePath)) SealingCertificates.LoadFile(certificatePath);
        }
        catch (Exception)
        {
            // A broken schema or certificate is Validate's finding to report, not the warm-up's.
        }
    });
}
