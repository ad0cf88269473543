using Cake.Core;
using Cake.Core.IO;

namespace GitOps.Build.Helm;

/// <summary>Builds helm's argument lists from settings; one method per command, nothing else.</summary>
public static class HelmArguments
{
    public static ProcessArgumentBuilder Lint(HelmLintSettings settings)
    {
        var builder = new ProcessArgumentBuilder().Append("lint").AppendQuoted(settings.Chart);
        if (settings.Strict) builder.Append("--strict");
        return Common(builder, settings);
    }

    public static ProcessArgumentBuilder Template(HelmTemplateSettings settings)
    {
        var builder = new ProcessArgumentBuilder().Append("template").AppendQuoted(settings.ReleaseName).AppendQuoted(settings.Chart);
        if (settings.IncludeCrds) builder.Append("--include-crds");
        foreach (var api in settings.ApiVersions) builder.Append("--api-versions").AppendQuoted(api);
        return Common(builder, settings);
    }

    public static ProcessArgumentBuilder Pull(HelmPullSettings settings)
    {
        var builder = new ProcessArgumentBuilder().Append("pull").AppendQuoted(settings.Chart)
            .Append("--repo").AppendQuoted(settings.RepoUrl)
            .Append("--destination").AppendQuoted(settings.Destination);
        if (!string.IsNullOrEmpty(settings.Version)) builder.Append("--version").AppendQuoted(settings.Version);
        return builder;
    }

    private static ProcessArgumentBuilder Common(ProcessArgumentBuilder builder, HelmChartSettings settings)
    {
        if (!string.IsNullOrEmpty(settings.Namespace)) builder.Append("--namespace").AppendQuoted(settings.Namespace);
        if (!string.IsNullOrEmpty(settings.KubeVersion)) builder.Append("--kube-version").AppendQuoted(settings.KubeVersion);
        foreach (var file in settings.ValueFiles) builder.Append("--values").AppendQuoted(ValuesPath(file));
        foreach (var (name, value) in settings.Set) builder.Append("--set").AppendQuoted($"{name}={SetValue(value)}");
        foreach (var (name, value) in settings.SetString) builder.Append("--set-string").AppendQuoted($"{name}={SetValue(value)}");
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
