using System.Security.Cryptography;
using GitOps.Build.Arguments;
using GitOps.Build.Arguments.Settings;
using GitOps.Build.GitOps;
using GitOps.Build.Hosting;
using GitOps.Build.Pipeline;
using GitOps.Build.Primitives;
using GitOps.Build.Sealing;
using GitOps.Build.Yaml;

namespace GitOps.Build.Tasks;

[TaskName("SealSecret")]
[TaskArguments(typeof(RepositorySettings), typeof(RenderSettings), typeof(ToolPathSettings), typeof(CertificateSettings), typeof(SealSecretSettings))]
[TaskDescription("Seal a value (standard input, or --from-file) into secrets.data.<KEY> of an Application's values file (--app --env --key).")]
public sealed class SealSecretTask : FrostingTask<BuildContext>
{
    // A syntactically sealed-looking stand-in, so the chart renders its SealedSecret and shows its name.
    private const string Placeholder = "AgA=";

    public override void Run(BuildContext context)
    {
        var settings = context.Settings<SealSecretSettings>();
        var key = settings.Key;
        ValuesFileSealing.CheckKey(key);
        var certificate = SealingSupport.LoadCertificate(context);
        var target = ResolveTarget(context, settings);
        var label = SealingLabel.For(target.Scope, target.Namespace, target.SecretName);

        var value = ReadValue(context, settings);
        try
        {
            foreach (var warning in value.Warnings) context.Log.Warn(warning);
            ValuesFileSealing.SealInto(target.ValuesFile, key, value.Bytes, certificate, label,
                (file, path, sealedValue) => ValuesFile.SetScalar(file, string.Join('.', path), sealedValue));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(value.Bytes);
        }

        var line = ValuesFile.GetScalar(target.ValuesFile, $"secrets.data.{key}")?.Line;
        context.Log.Say($"sealed {key} for Secret {target.Namespace}/{target.SecretName} ({target.Scope.ToArgument()}) " +
                        $"into {SealingSupport.Relative(context, target.ValuesFile)}:{line}");
    }

    private sealed record SealTarget(string ValuesFile, string SecretName, string Namespace, SealingScope Scope);

    private static SealTarget ResolveTarget(BuildContext context, SealSecretSettings settings)
    {
        var (app, env, key) = (settings.App, settings.Environment, settings.Key);
        var unit = context.Model.Unit(app, env)
                   ?? throw new UsageException($"--app={app} --env={env}: no Application carries these labels. Known apps: {string.Join(", ", context.Model.AppNames)}.");
        var valuesFile = unit.ValueFiles.LastOrDefault(v => v.Exists && v.Path != null)?.Path
                         ?? throw new UsageException($"Application {unit.Name} lists no existing value file to write the sealed value to.");
        var askedScope = SealingSupport.Scope(settings.Scope);

        var name = settings.Name;
        var ns = settings.Namespace;
        if (name is not null || ns is not null)
        {
            // Only for Secrets no chart renders: nothing to cross-check them against.
            if (name is null || ns is null) throw new UsageException("--name and --namespace go together.");
            return new SealTarget(valuesFile, name, ns, askedScope ?? SealingScope.Strict);
        }

        var probe = unit with { Parameters = [.. unit.Parameters, new HelmParameter($"secrets.data.{key}", Placeholder, ForceString: true)] };
        var rendered = context.Renderer.RenderOrThrow(probe);
        var sealedSecret = rendered.Objects.FirstOrDefault(o => o.Kind == "SealedSecret" && o.At($"/spec/encryptedData/{key}") != null)
                           ?? throw new UsageException($"The chart of {unit.Name} renders no SealedSecret holding secrets.data.{key}; " +
                                                       "pass --name and --namespace for a Secret that no chart renders.");
        var renderedScope = SealingScopes.FromAnnotations(sealedSecret.Annotations);
        if (askedScope is { } asked && asked != renderedScope)
            throw new UsageException($"--scope={asked.ToArgument()}, but the chart renders the SealedSecret {renderedScope.ToArgument()} " +
                                     $"(secrets.scope in {SealingSupport.Relative(context, valuesFile)}); change secrets.scope first and reseal its other values, or drop --scope.");
        var sealedNamespace = sealedSecret.Namespace is { Length: > 0 } own ? own : unit.Namespace;
        return new SealTarget(valuesFile, sealedSecret.Name, sealedNamespace, renderedScope);
    }

    private static SecretValue ReadValue(BuildContext context, SealSecretSettings settings)
    {
        if (settings.FromFile != null && settings.Value != null) throw new UsageException("Give the value one way: standard input, --from-file or --value.");
        if (settings.FromFile is { } file) return SecretInput.FromFile(file);
        if (settings.Value is { } inline)
        {
            context.Log.Warn("--value puts the secret in your shell history and the process list; prefer standard input or --from-file.");
            return SecretInput.FromStream(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(inline)), "--value");
        }
        if (!Console.IsInputRedirected)
            Console.Error.WriteLine($"Type the value, then press Ctrl-D (it is not echoed to any log):");
        using var stdin = Console.OpenStandardInput();
        return SecretInput.FromStream(stdin);
    }
}
