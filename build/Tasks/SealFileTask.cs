using GitOps.Build.Arguments;
using GitOps.Build.Arguments.Settings;
using GitOps.Build.Hosting;
using GitOps.Build.IO;
using GitOps.Build.Primitives;
using GitOps.Build.Sealing;
using GitOps.Build.Sealing.Operations;

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
        var session = context.Session;
        var certificate = SealingInputs.Certificate(session.Certificate(), session.Relative(session.CertificatePath()), context.Log);
        var sealedYaml = SecretManifestSealer.Seal(File.ReadAllText(input), input, certificate,
            new SealFileOptions(SealingScopes.ParseOptional(settings.Scope), settings.Namespace));
        if (settings.Output is not { } output)
        {
            context.Console.Profile.Out.Writer.Write(sealedYaml); // a SealedSecret holds nothing secret; stdout so it can be piped, as kubeseal prints it
            return;
        }
        AtomicFile.WriteAllText(output, sealedYaml);
        context.Log.Say($"sealed {input} -> {output}");
    }
}
