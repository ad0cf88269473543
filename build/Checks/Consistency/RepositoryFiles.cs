using GitOps.Build.GitOps;

namespace GitOps.Build.Checks.Consistency;

/// <summary>
/// The YAML files the sealed-value scan reads: those Applications read, under the scan folders. By default the
/// scan folders are the top-level folders holding what the model read (charts, value files, every
/// unit's inputs such as kustomizations, Argo CD manifests), so no folder name is assumed.
/// </summary>
public static class RepositoryFiles
{
    public static IReadOnlyList<string> ScanFolders(RepositoryModel model, CheckOptions options)
    {
        if (options.ScanFolders != null) return options.ScanFolders;
        var paths = new List<string?>();
        paths.AddRange(model.Units.Select(u => u.ChartPath));
        paths.AddRange(model.Units.SelectMany(u => u.ValueFiles).Select(v => v.Path));
        paths.AddRange(model.Units.SelectMany(u => u.Inputs));
        paths.AddRange(model.Applications.Select(a => a.Manifest.File));
        paths.AddRange(model.Projects.Select(p => p.Manifest.File));
        paths.AddRange(model.ApplicationSets.Select(s => s.Manifest.File));
        paths.AddRange(model.DirectoryObjects.Values.SelectMany(list => list).Select(o => o.File));
        return paths.OfType<string>()
            .Select(p => model.Relative(p))
            .Where(p => !p.StartsWith("..", StringComparison.Ordinal) && p.Contains('/'))
            .Select(p => p[..p.IndexOf('/')])
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// The files some Application reads as Helm values (full paths): the value files it lists and
    /// its chart's own values.yaml.
    /// </summary>
    public static IReadOnlySet<string> ValuesFiles(RepositoryModel model) =>
        model.Units.SelectMany(u => u.ValueFiles.Select(v => v.Path)
                .Append(u.ChartPath is { } chart ? Path.Combine(chart, "values.yaml") : null))
            .OfType<string>()
            .Select(p => Path.GetFullPath(Path.IsPathRooted(p) ? p : Path.Combine(model.Root, p)))
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// The YAML files (full paths) some Application reads: its values files, the files its directory
    /// sources deploy and the inputs of its units (kustomizations, resources, patches), under the
    /// scan folders. A file nothing reads (a placeholder, an example) is not among them.
    /// </summary>
    public static IReadOnlyList<string> DeployedYamlFiles(RepositoryModel model, CheckOptions options)
    {
        var folders = ScanFolders(model, options).Select(f => Path.GetFullPath(Path.Combine(model.Root, f))).ToList();
        return ValuesFiles(model)
            .Concat(model.DirectoryObjects.Values.SelectMany(list => list).Select(o => o.File))
            .Concat(model.Units.SelectMany(u => u.Inputs))
            .Select(p => Path.GetFullPath(Path.IsPathRooted(p) ? p : Path.Combine(model.Root, p)))
            .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
            .Where(f => File.Exists(f) && IO.RepoPath.IsInside(model.Root, f) && folders.Any(d => IO.RepoPath.IsUnder(d, f)))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>A file under a chart's templates/ folder: Go template text, not YAML.</summary>
    public static bool IsChartTemplate(string file)
    {
        for (var dir = Path.GetDirectoryName(file); dir != null; dir = Path.GetDirectoryName(dir))
        {
            if (Path.GetFileName(dir) == "templates" && File.Exists(Path.Combine(Path.GetDirectoryName(dir)!, "Chart.yaml"))) return true;
        }
        return false;
    }
}
