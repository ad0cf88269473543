using System.Diagnostics;
using GitOps.Build.Checks;
using GitOps.Build.GitOps;
using GitOps.Build.Manifests;
using GitOps.Build.Tests.Support;

namespace GitOps.Build.Tests.Checks;

/// <summary>
/// Test-side stand-in for the build's Template step: runs the real helm binary per local render
/// unit as Argo CD would (release name, namespace, value files, inline values, parameters,
/// --include-crds), writes artifacts/rendered/&lt;unit&gt;.yaml under the repository and reads it back.
/// </summary>
public static class TestRenderer
{
    public static async Task<IReadOnlyDictionary<string, IReadOnlyList<ManifestObject>>> RenderAsync(RepositoryModel model)
    {
        var result = new Dictionary<string, IReadOnlyList<ManifestObject>>();
        var outputDir = Path.Combine(model.Root, "artifacts", "rendered");
        Directory.CreateDirectory(outputDir);
        foreach (var unit in model.Units.Where(u => u.IsLocal))
        {
            var yaml = await TemplateAsync(unit);
            var file = Path.Combine(outputDir, unit.Name + ".yaml");
            await File.WriteAllTextAsync(file, yaml);
            // Named relative to the root, as the build's Template stage names artifacts.
            result[unit.Name] = ManifestReader.Read(yaml, model.Relative(file));
        }
        return result;
    }

    /// <summary>Load, render, check: the whole Validate pipeline on a repository folder.</summary>
    public static async Task<IReadOnlyList<Finding>> CheckAsync(string root, string rootApp = "gitops/argocd/bootstrap/root-app.yaml",
        CheckOptions? options = null, string? projectsPath = null, string? environmentsPath = null)
    {
        var model = RepositoryLoader.Load(root, Path.Combine(root, rootApp), projectsPath, environmentsPath);
        var rendered = await RenderAsync(model);
        return CheckRunner.Run(model, rendered, options ?? CheckOptions.Default);
    }

    private static async Task<string> TemplateAsync(RenderUnit unit)
    {
        var start = new ProcessStartInfo(TestTools.Helm) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "template", unit.ReleaseName, unit.ChartPath!, "--namespace", unit.Namespace, "--include-crds" }) start.ArgumentList.Add(a);
        foreach (var v in unit.ValueFiles.Where(v => v.Exists))
        {
            start.ArgumentList.Add("--values");
            start.ArgumentList.Add(v.Path!);
        }
        string? inline = null;
        if (unit.InlineValues != null)
        {
            inline = Path.Combine(Path.GetTempPath(), $"inline-{Guid.NewGuid():N}.yaml");
            await File.WriteAllTextAsync(inline, unit.InlineValues);
            start.ArgumentList.Add("--values");
            start.ArgumentList.Add(inline);
        }
        foreach (var p in unit.Parameters)
        {
            start.ArgumentList.Add(p.ForceString ? "--set-string" : "--set");
            start.ArgumentList.Add($"{p.Name}={p.Value}");
        }
        var home = Path.Combine(Path.GetTempPath(), "gitops-checks-tests-helm");
        start.Environment["HELM_CONFIG_HOME"] = Path.Combine(home, "config");
        start.Environment["HELM_CACHE_HOME"] = Path.Combine(home, "cache");
        start.Environment["HELM_DATA_HOME"] = Path.Combine(home, "data");
        try
        {
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0) throw new InvalidOperationException($"helm template {unit.Name} failed: {await stderr}");
            return await stdout;
        }
        finally
        {
            if (inline != null) File.Delete(inline);
        }
    }
}
