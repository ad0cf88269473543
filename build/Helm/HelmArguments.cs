using Cake.Core.IO;
using GitOps.Build.Tools.Processes;

namespace GitOps.Build.Helm;

/// <summary>Builds helm's argument lists from settings; one method per command, nothing else.</summary>
public static class HelmArguments
{
    public static ProcessArgumentBuilder Lint(HelmLintSettings settings)
    {
        var builder = new ProcessArgumentBuilder().AppendItem("lint").AppendItem(settings.Chart);
        if (settings.Strict) builder.AppendItem("--strict");
        return Common(builder, settings);
    }

    public static ProcessArgumentBuilder Template(HelmTemplateSettings settings)
    {
        var builder = new ProcessArgumentBuilder().AppendItem("template").AppendItem(settings.ReleaseName).AppendItem(settings.Chart);
        if (settings.IncludeCrds) builder.AppendItem("--include-crds");
        foreach (var api in settings.ApiVersions) builder.AppendItem("--api-versions").AppendItem(api);
        return Common(builder, settings);
    }

    public static ProcessArgumentBuilder Pull(HelmPullSettings settings)
    {
        // A chart in an OCI registry is pulled by its reference; helm's --repo reads a chart repository's index.
        var builder = new ProcessArgumentBuilder().AppendItem("pull");
        if (OciChart.IsRegistry(settings.RepoUrl)) builder.AppendItem(OciChart.Reference(settings.RepoUrl, settings.Chart));
        else builder.AppendItem(settings.Chart).AppendItem("--repo").AppendItem(settings.RepoUrl);
        builder.AppendItem("--destination").AppendItem(settings.Destination);
        if (!string.IsNullOrEmpty(settings.Version)) builder.AppendItem("--version").AppendItem(settings.Version);
        return builder;
    }

    private static ProcessArgumentBuilder Common(ProcessArgumentBuilder builder, HelmChartSettings settings)
    {
        if (!string.IsNullOrEmpty(settings.Namespace)) builder.AppendItem("--namespace").AppendItem(settings.Namespace);
        if (!string.IsNullOrEmpty(settings.KubeVersion)) builder.AppendItem("--kube-version").AppendItem(settings.KubeVersion);
        foreach (var file in settings.ValueFiles) builder.AppendItem("--values").AppendItem(ValuesPath(file));
        foreach (var (name, value) in settings.Set) builder.AppendItem("--set").AppendItem($"{name}={SetValue(value)}");
        foreach (var (name, value) in settings.SetString) builder.AppendItem("--set-string").AppendItem($"{name}={SetValue(value)}");
        return builder;
    }

    /// <summary>
    /// A value file's path as --values takes it. helm reads the flag as a CSV record (pflag's string
    /// slice): a comma would split the path into two files (the second one anywhere, outside the
    /// repository), a line break would cut it short. A path holding either (or a quote) goes as one
    /// quoted CSV field, which helm reads back as the path.
    /// </summary>
    private static string ValuesPath(string path) =>
        path.IndexOfAny([',', '"', '\n', '\r']) < 0 ? path : "\"" + path.Replace("\"", "\"\"") + "\"";

    /// <summary>
    /// A parameter value as Argo CD hands it to --set: helm splits "a=x,y" into two assignments, so
    /// every comma not already escaped becomes "\,", except in a {list} value, which helm splits on purpose.
    /// </summary>
    private static string SetValue(string value)
    {
        if (value.StartsWith('{') && value.EndsWith('}')) return value;
        var escaped = new System.Text.StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == ',' && (i == 0 || value[i - 1] != '\\')) escaped.Append('\\');
            escaped.Append(value[i]);
        }
        return escaped.ToString();
    }
}
