using GitOps.Build.Arguments;
using GitOps.Build.Arguments.Settings;
using GitOps.Build.Hosting;
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
        var session = context.Session;
        new SealFileOperation(context.Log, context.Console.Profile.Out.Writer).Run(settings.Input, settings.Output,
            new SealFileOptions(SealingScopes.ParseOptional(settings.Scope), settings.Namespace), session.Certificate(), session.Relative(session.CertificatePath()));
    }
}
