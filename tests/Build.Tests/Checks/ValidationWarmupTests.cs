using System.Collections;
using System.Diagnostics;
using System.Reflection;
using System.Runtime.Loader;
using GitOps.Build.Checks;
using GitOps.Build.Checks.Runner;
using GitOps.Build.Checks.Schema;
using GitOps.Build.Sealing;
using GitOps.Build.Tests.Sealing;

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
        Assert.Equal(["Deployment", "Service"], objects.Select(o => o.Manifest.Kind));
        var sink = new FindingSink();
        foreach (var o in objects) SchemaChecks.Check(o, sink);
        Assert.Empty(sink.Items);
    }

    [Fact]
    public void StaticsBuildsTheCrdSchemasInAFreshProcessState()
    {
        // The schema cache is static and other tests fill it, so look at it in a fresh copy of the
        // program's assemblies: empty before the warm-up, the three CRD schemas built after it.
        var context = new FreshLoadContext(AppContext.BaseDirectory);
        try
        {
            var program = context.LoadFromAssemblyPath(Path.Combine(AppContext.BaseDirectory, "Build.dll"));
            var schemas = program.GetType("GitOps.Build.Checks.Schema.CrdSchemas", throwOnError: true)!;
            var cacheField = schemas.GetField("Cache", BindingFlags.NonPublic | BindingFlags.Static);
            Assert.True(cacheField != null, "CrdSchemas has no static Cache field any more: update this test to look at its cache");
            var cache = (IDictionary)cacheField.GetValue(null)!;
            Assert.Empty(cache);

            program.GetType("GitOps.Build.Checks.Runner.ValidationWarmup", throwOnError: true)!.GetMethod("Statics")!.Invoke(null, null);

            var built = cache.Keys.Cast<string>().Where(k => cache[k] != null).Order(StringComparer.Ordinal);
            Assert.Equal(["argoproj.io_AppProject", "argoproj.io_Application", "argoproj.io_ApplicationSet", "bitnami.com_SealedSecret"], built);
        }
        finally
        {
            context.Unload();
        }
    }

    /// <summary>Loads the program and its libraries afresh from the test's output folder; the framework is shared.</summary>
    private sealed class FreshLoadContext(string folder) : AssemblyLoadContext("fresh-warmup", isCollectible: true)
    {
        protected override Assembly? Load(AssemblyName name)
        {
            var path = Path.Combine(folder, name.Name + ".dll");
            return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
        }
    }

    /// <summary>A session over an empty repository whose certificate is given (--cert): only its certificate is read.</summary>
    private static global::GitOps.Build.Session.RepositorySession CertificateSession(string certificate) =>
        TestSession.Open(Path.GetDirectoryName(certificate)!, certificate: certificate);

    [Fact]
    public async Task ABrokenCertificateIsLeftForValidateToReport()
    {
        var path = Path.Combine(Path.GetTempPath(), $"warmup-{Guid.NewGuid():N}.pem");
        const string broken = "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n";
        await File.WriteAllTextAsync(path, broken);
        try
        {
            var warm = CertificateSession(path).PreloadCertificate();
            await Eventually.EndsAsync(warm, "the certificate warm-up");
            Assert.Equal(TaskStatus.RanToCompletion, warm.Status); // completes instead of faulting
            await Eventually.EndsAsync(CertificateSession(path + ".missing").PreloadCertificate(), "the warm-up of a missing certificate");

            // Left for Validate: the file is as it was, and loading it still fails naming it.
            Assert.Equal(broken, await File.ReadAllTextAsync(path));
            var e = Assert.Throws<SealingException>(() => SealingCertificates.LoadFile(path));
            Assert.Contains(path, e.Message);
            Assert.False(File.Exists(path + ".missing"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task TheCertificateWarmupReadsTheNamedCertificateOffTheCallersThread()
    {
        // A FIFO as the certificate: writing into it succeeds only once a reader has it open, so the
        // write finishing proves the warm-up read the file it was given; and StartCertificate returned
        // while its read was still blocked, so the read is not on the caller's thread.
        var folder = Directory.CreateTempSubdirectory("warmup-fifo-").FullName;
        var fifo = Path.Combine(folder, "pub-cert.pem");
        var released = false;
        try
        {
            using (var mkfifo = Process.Start("mkfifo", [fifo])) await mkfifo.WaitForExitAsync();
            Assert.True(File.Exists(fifo), "mkfifo made no FIFO");

            // Called from a pool thread so that a warm-up that reads on the caller's thread fails here instead of hanging.
            var session = CertificateSession(fifo);
            var returned = Task.Factory.StartNew(session.PreloadCertificate, CancellationToken.None, TaskCreationOptions.None, TaskScheduler.Default);
            await Eventually.EndsAsync(returned, "StartCertificate returning while its certificate is still unread (the read belongs on another thread)", TimeSpan.FromSeconds(30));
            var warm = await returned;
            Assert.False(warm.IsCompleted, "the warm-up finished without reading the certificate");

            var pem = await File.ReadAllTextAsync(SealingFixtures.CertPath);
            var write = Task.Run(async () =>
            {
                await using var writer = new FileStream(fifo, FileMode.Open, FileAccess.Write); // blocks until the warm-up opens it
                await writer.WriteAsync(System.Text.Encoding.ASCII.GetBytes(pem));
            });
            await Eventually.EndsAsync(write, "writing the certificate into the FIFO the warm-up should be reading");
            released = true;
            await Eventually.EndsAsync(warm, "the certificate warm-up after its certificate arrived");
            Assert.Equal(TaskStatus.RanToCompletion, warm.Status);
        }
        finally
        {
            // On failure, a reader may still be blocked opening the FIFO: a writer releases it (end of file).
            if (!released) _ = Task.Run(() => { using var _ = new FileStream(fifo, FileMode.Open, FileAccess.Write); });
            Directory.Delete(folder, recursive: true);
        }
    }
}
