using System.Formats.Tar;
using System.IO.Compression;
using GitOps.Build.Findings;
using GitOps.Build.GitOps;
using GitOps.Build.Yaml;

namespace GitOps.Build.Pipeline;

/// <summary>
/// The YAML a unit's renderer hands to a child (helm, kubectl kustomize), held to
/// <see cref="YamlLimits"/> before the child sees it: helm expands a values file's aliases in full
/// (gigabytes from a few hundred bytes) before it refuses it. Checked for a Helm unit: the
/// Application's value files, its inline values, and every values.yaml of the chart and its
/// subcharts (in folders or in .tgz archives, the chart itself when it is one); for a Kustomize unit
/// the tree's YAML files and what its helmCharts read. The first crossing is a YAML-PARSE finding at
/// its file and line, and the unit is not run.
/// </summary>
public static class RenderInputLimits
{
    /// <summary>How deep archives inside archives (a subchart's .tgz in a chart's .tgz) are looked into.</summary>
    private const int MaxArchiveNesting = 3;

    public static Finding? Check(RepositoryModel model, RenderUnit unit, string chart)
    {
        try
        {
            if (unit.InlineValues is { } inline) CheckInline(unit, inline, model);
        }
        catch (YamlLimitException e)
        {
            return Rules.YamlParse.At($"Application/{unit.Name}", e.File, e.Line, e.Problem);
        }
        return Check(model, unit, unit.ValueFiles.Where(v => v.Exists).Select(v => v.Path!).Append(chart));
    }

    /// <summary>Values files, chart folders and chart archives of <paramref name="unit"/> (kustomize's helmCharts too): the first over a limit as a finding.</summary>
    public static Finding? Check(RepositoryModel model, RenderUnit unit, IEnumerable<string> paths)
    {
        try
        {
            foreach (var path in paths)
            {
                if (Directory.Exists(path)) CheckFolder(path, model);
                else if (path.EndsWith(".tgz", StringComparison.Ordinal) && File.Exists(path)) CheckArchive(File.OpenRead(path), model.Relative(path), 0);
                else if (File.Exists(path)) YamlLimits.Check(YamlLimits.ReadFile(path), model.Relative(path));
            }
            return null;
        }
        catch (YamlLimitException e)
        {
            return Rules.YamlParse.At($"Application/{unit.Name}", e.File, e.Line, e.Problem);
        }
    }

    /// <summary>Inline values (spec.source.helm.values) are text in the Application: a crossing is shown at the Application's line for it.</summary>
    private static void CheckInline(RenderUnit unit, string inline, RepositoryModel model)
    {
        var manifest = unit.Application.Manifest;
        try
        {
            YamlLimits.Check(inline, model.Relative(manifest.File));
        }
        catch (YamlLimitException e)
        {
            throw new YamlLimitException(e.File, manifest.LineOf(unit.SourcePointer + "/helm/values") + e.Line, e.Column, "spec.source.helm.values " + e.Problem);
        }
    }

    private static void CheckFolder(string chart, RepositoryModel model)
    {
        foreach (var entry in IO.FolderWalk.Entries(chart))
        {
            if (entry is not FileInfo file || entry.LinkTarget != null && !IO.RepoPath.IsInside(model.Root, entry.FullName)) continue;
            if (file.Name == "values.yaml") YamlLimits.Check(YamlLimits.ReadFile(file.FullName), model.Relative(file.FullName));
            else if (file.Name.EndsWith(".tgz", StringComparison.Ordinal)) CheckArchive(file.OpenRead(), model.Relative(file.FullName), 0);
        }
    }

    /// <summary>The values.yaml entries of a chart archive, and those of the archives inside it.</summary>
    private static void CheckArchive(Stream archive, string shown, int nesting)
    {
        using var gzip = new GZipStream(archive, CompressionMode.Decompress);
        TarReader reader;
        try { reader = new TarReader(gzip); }
        catch (InvalidDataException) { return; } // not an archive helm reads either: helm says so
        using (reader)
        {
            while (true)
            {
                TarEntry? entry;
                try { entry = reader.GetNextEntry(); }
                catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException) { return; }
                if (entry == null) return;
                if (entry.DataStream == null || entry.Length > YamlLimits.MaxFileBytes) continue;
                var name = entry.Name.Replace('\\', '/');
                if (name.EndsWith("/values.yaml", StringComparison.Ordinal))
                {
                    using var text = new StreamReader(entry.DataStream);
                    YamlLimits.Check(text.ReadToEnd(), $"{shown}:{name}");
                }
                else if (name.EndsWith(".tgz", StringComparison.Ordinal) && nesting < MaxArchiveNesting)
                {
                    var inner = new MemoryStream();
                    entry.DataStream.CopyTo(inner);
                    inner.Position = 0;
                    CheckArchive(inner, $"{shown}:{name}", nesting + 1);
                }
            }
        }
    }
}
