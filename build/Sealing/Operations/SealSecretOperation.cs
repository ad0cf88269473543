using System.Security.Cryptography;
using Cake.Core.Diagnostics;
using GitOps.Build.GitOps;
using GitOps.Build.Pipeline;
using GitOps.Build.Primitives;
using GitOps.Build.Yaml;

namespace GitOps.Build.Sealing.Operations;

/// <summary>What SealSecret is asked: the Application (app and environment), the key, and optionally the scope, or the Secret for one no chart renders.</summary>
public sealed record SealSecretRequest(string App, string Environment, string Key, SealingScope? Scope = null, string? Name = null, string? Namespace = null);

/// <summary>Where SealSecret sealed a value: the values file (and line) and the Secret it opens for.</summary>
public sealed record SealedInto(string ValuesFile, int? Line, string SecretName, string Namespace, SealingScope Scope);

/// <summary>
/// SealSecret: seals one value for the exact Secret name, namespace and scope the Application's chart
/// renders (found by rendering the chart with a stand-in value, so the name never comes from a second
/// hand-kept list) into <c>secrets.data.&lt;KEY&gt;</c> of its last values file, changing nothing else in
/// the file. Everything that can fail is checked before the value is read; the plaintext is wiped after.
/// </summary>
public sealed class SealSecretOperation(RepositoryModel model, IRenderer renderer, ICakeLog log)
{
    // A syntactically sealed-looking stand-in, so the chart renders its SealedSecret and shows its name.
    private const string Placeholder = "AgA=";

    /// <param name="readValue">Reads the value to seal (standard input, a file); called once the target is known.</param>
    public SealedInto Run(SealSecretRequest request, CertificateLoad certificate, Func<SecretValue> readValue)
    {
        ValuesFileSealing.CheckKey(request.Key);
        var sealing = SealingInputs.Certificate(certificate, model.Relative(certificate.Path), log);
        var target = Target(request);
        var value = readValue();
        try
        {
            foreach (var warning in value.Warnings) log.Warn(warning);
            ValuesFileSealing.SealInto(target.ValuesFile, request.Key, value.Bytes, sealing, SealingLabel.For(target.Scope, target.Namespace, target.SecretName),
                (file, path, sealedValue) => ValuesFile.SetScalar(file, string.Join('.', path), sealedValue));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(value.Bytes);
        }
        var done = target with { Line = ValuesFile.GetScalar(target.ValuesFile, $"secrets.data.{request.Key}")?.Line };
        log.Say($"sealed {request.Key} for Secret {done.Namespace}/{done.SecretName} ({done.Scope.ToArgument()}) into {model.Relative(done.ValuesFile)}:{done.Line}");
        return done;
    }

    /// <summary>The values file and the Secret the chart renders for the key (or the one named, for a Secret no chart renders).</summary>
    private SealedInto Target(SealSecretRequest request)
    {
        var (app, env, key) = (request.App, request.Environment, request.Key);
        var unit = model.Unit(app, env)
                   ?? throw new InputException($"--app={app} --env={env}: no Application carries these labels. Known apps: {string.Join(", ", model.AppNames)}.");
        var valuesFile = unit.ValueFiles.LastOrDefault(v => v.Exists && v.Path != null)?.Path
                         ?? throw new InputException($"Application {unit.Name} lists no existing value file to write the sealed value to.");
        if (request.Name is not null || request.Namespace is not null)
        {
            // Only for Secrets no chart renders: nothing to cross-check them against.
            if (request.Name is null || request.Namespace is null) throw new InputException("--name and --namespace go together.");
            return new SealedInto(valuesFile, null, request.Name, request.Namespace, request.Scope ?? SealingScope.Strict);
        }

        var probe = unit with { Parameters = [.. unit.Parameters, new HelmParameter($"secrets.data.{key}", Placeholder, ForceString: true)] };
        var sealedSecret = renderer.RenderOrThrow(probe).Objects.FirstOrDefault(o => o.Kind == "SealedSecret" && o.At($"/spec/encryptedData/{key}") != null)
                           ?? throw new InputException($"The chart of {unit.Name} renders no SealedSecret holding secrets.data.{key}; " +
                                                       "pass --name and --namespace for a Secret that no chart renders.");
        var renderedScope = SealingScopes.FromAnnotations(sealedSecret.Annotations);
        if (request.Scope is { } asked && asked != renderedScope)
            throw new InputException($"--scope={asked.ToArgument()}, but the chart renders the SealedSecret {renderedScope.ToArgument()} " +
                                     $"(secrets.scope in {model.Relative(valuesFile)}); change secrets.scope first and reseal its other values, or drop --scope.");
        var sealedNamespace = sealedSecret.Namespace is { Length: > 0 } own ? own : unit.Namespace;
        return new SealedInto(valuesFile, null, sealedSecret.Name, sealedNamespace, renderedScope);
    }
}
