using GitOps.Build.GitOps;
using GitOps.Build.Helm;

namespace GitOps.Build.Pipeline;

/// <summary>
/// Translates a render unit into helm settings the way Argo CD calls helm: value files in order,
/// inline values after them, parameters last; release name and namespace from the Application.
/// </summary>
public static class UnitHelmSettings
{
    /// <summary>The Kubernetes version offered to charts (Argo CD passes the destination cluster's).</summary>
    public const string KubeVersion = "1.35.0";

    public static T Apply<T>(T settings, RenderUnit unit, string chart, string helmPath, string? inlineValuesFile) where T : HelmChartSettings
    {
        settings.ToolPath = helmPath;
        settings.Chart = chart;
        settings.Namespace = unit.Namespace;
        settings.KubeVersion = KubeVersion;
        foreach (var file in unit.ValueFiles.Where(v => v.Exists)) settings.ValueFiles.Add(file.Path!);
        if (inlineValuesFile != null) settings.ValueFiles.Add(inlineValuesFile);
        foreach (var p in unit.Parameters)
        {
            (p.ForceString ? settings.SetString : settings.Set).Add(new(p.Name, p.Value));
        }
        return settings;
    }

    /// <summary>The values helm merged, lowest precedence first: the chart's values.yaml, then the -f files as given.</summary>
    public static IReadOnlyList<string> ValuesInPrecedence(HelmChartSettings settings) =>
        new[] { Path.Combine(settings.Chart, "values.yaml") }.Concat(settings.ValueFiles).Where(File.Exists).ToList();

    /// <summary>The inline values file's name inside its scratch folder.</summary>
    public const string InlineValuesFile = "inline.values.yaml";

    /// <summary>
    /// Inline values go to helm as a values file, as Argo CD does, in a private scratch folder (they
    /// may hold anything the Application says) that the caller disposes; null when there are none.
    /// </summary>
    public static IO.ScratchFolder? WriteInlineValues(RenderUnit unit)
    {
        if (unit.InlineValues == null) return null;
        var folder = IO.ScratchFolder.Create("inline-values");
        File.WriteAllText(folder.File(InlineValuesFile), unit.InlineValues);
        return folder;
    }
}
