using GitOps.Build.Arguments;
using GitOps.Build.Arguments.Settings;
using GitOps.Build.Hosting;
using GitOps.Build.Sealing;
using GitOps.Build.Sealing.Operations;

namespace GitOps.Build.Tasks;

[TaskName("SealSecret")]
[TaskArguments(typeof(RepositorySettings), typeof(RenderSettings), typeof(ToolPathSettings), typeof(CertificateSettings), typeof(SealSecretSettings))]
[TaskDescription("Seal a value (standard input, or --from-file) into secrets.data.<KEY> of an Application's values file (--app --env --key).")]
public sealed class SealSecretTask : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context)
    {
        var settings = context.Settings<SealSecretSettings>();
        var request = new SealSecretRequest(settings.App, settings.Environment, settings.Key, SealingScopes.ParseOptional(settings.Scope), settings.Name, settings.Namespace);
        var session = context.Session;
        // The value is read only once the target is known, so a mistake costs no typing.
        new SealSecretOperation(session.Model, session.Renderer, context.Log).Run(request, session.Certificate(),
            () => SecretInput.Read(settings.FromFile, settings.Value, Console.OpenStandardInput, Console.IsInputRedirected ? null : Console.Error));
    }
}
