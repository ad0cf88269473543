using GitOps.Build.Hosting;
using GitOps.Build.IO;
using GitOps.Build.Reporting;
using GitOps.Build.Sealing;

namespace GitOps.Build.Tasks;

[TaskName("SealFile")]
[TaskDescription("Seal a Kubernetes Secret manifest into a SealedSecret, as kubeseal does (--input=secret.yaml [--output=path] [--scope] [--namespace]).")]
public sealed class SealFileTask : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context)
    {
        var reader = context.Args.Reader;
        var input = reader.Path("input", context.Args.WorkingDirectory)
                    ?? throw new UsageException("--input is required: the Secret manifest to seal.");
        if (!File.Exists(input)) throw new UsageException($"--input={input}: no such file.");
        var output = reader.Path("output", context.Args.WorkingDirectory);
        var certificate = SealingSupport.LoadCertificate(context);

        var sealedYaml = SecretManifestSealer.Seal(File.ReadAllText(input), input, certificate,
            new SealFileOptions(SealingSupport.Scope(context), reader.Text("namespace")));

        if (output is null)
        {
            Console.Out.Write(sealedYaml); // a SealedSecret holds nothing secret; stdout so it can be piped, as kubeseal prints it
            return;
        }
        AtomicFile.WriteAllText(output, sealedYaml);
        context.Log.Say($"sealed {input} -> {output}");
    }
}
