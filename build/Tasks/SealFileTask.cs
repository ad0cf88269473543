using GitOps.Build.Arguments;
using GitOps.Build.Arguments.Settings;
using GitOps.Build.Hosting;
using GitOps.Build.IO;
using GitOps.Build.Primitives;
using GitOps.Build.Sealing;

namespace GitOps.Build.Tasks;

[TaskName("SealFile")]
[TaskArguments(typeof(RepositorySettings), typeof(CertificateSettings), typeof(SealFileSettings))]
[TaskDescription("Seal a Kubernetes Secret manifest into a SealedSecret, as kubeseal does (--input=secret.yaml [--output=path] [--scope] [--namespace]).")]
public sealed class SealFileTask : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context)
    {
        var settings = context.Settings<SealFileSettings>();
        var input = settings.Input;
        if (!File.Exists(input)) throw new UsageException($"--input={input}: no such file.");
        var output = settings.Output;
        var certificate = SealingSupport.LoadCertificate(context);

        var sealedYaml = SecretManifestSealer.Seal(File.ReadAllText(input), input, certificate,
            new SealFileOptions(SealingSupport.Scope(settings.Scope), settings.Namespace));

        if (output is null)
        {
            Console.Out.Write(sealedYaml); // a SealedSecret holds nothing secret; stdout so it can be piped, as kubeseal prints it
            return;
        }
        AtomicFile.WriteAllText(output, sealedYaml);
        context.Log.Say($"sealed {input} -> {output}");
    }
}
