using GitOps.Build.Checks;
using GitOps.Build.Checks.Schema;

namespace GitOps.Build.Tests.Checks;

/// <summary>The background set-up Validate's first objects would otherwise pay for.</summary>
public sealed class ValidationWarmupTests
{
    [Fact]
    public void PreloadBuildsEveryEmbeddedCrdSchema()
    {
        var loaded = CrdSchemas.Preload();
        Assert.Equal(["argoproj.io_AppProject", "argoproj.io_Application", "argoproj.io_ApplicationSet", "bitnami.com_SealedSecret"], loaded.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void TheSampleTheWarmupChecksIsValidSoEveryModelOnItsPathIsWalked()
    {
        var objects = Snippets.Objects(ValidationWarmup.SampleWorkload, file: "warmup.yaml");
        Assert.Equal(["Deployment", "Service"], objects.Select(o => o.Kind));
        var sink = new FindingSink();
        foreach (var o in objects) SchemaChecks.Check(o, sink);
        Assert.Empty(sink.Items);
        ValidationWarmup.Statics(); // and warming does not throw
    }

    [Fact]
    public async Task ABrokenCertificateIsLeftForValidateToReport()
    {
        var path = Path.Combine(Path.GetTempPath(), $"warmup-{Guid.NewGuid():N}.pem");
        await File.WriteAllTextAsync(path, "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n");
        try
        {
            await ValidationWarmup.StartCertificate(path); // completes instead of faulting
            await ValidationWarmup.StartCertificate(path + ".missing");
        }
        finally
        {
            File.Delete(path);
        }
    }
}
