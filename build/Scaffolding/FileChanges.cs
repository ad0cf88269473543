using System.Text;
using GitOps.Build.Changes;
using GitOps.Build.IO;
using GitOps.Build.Primitives;

namespace GitOps.Build.Scaffolding;

/// <summary>One file a scaffold writes: where (absolute), its new text, and its text before (null: a new file).</summary>
public sealed record PlannedFile(string Path, string Text, string? Before)
{
    public bool IsNew => Before is null;
}

/// <summary>
/// The files a scaffold writes, planned before anything is written: new files (refused when the path exists or is
/// planned twice) and edits of existing ones (an edit of a file planned already edits the planned text). Shown as a
/// preview (new files in full, edited ones as a unified diff), copied into a scratch copy for the check, and written
/// all at once (<see cref="AtomicFileSet"/>).
/// </summary>
public sealed class FileChanges(string root)
{
    private readonly List<PlannedFile> _files = [];

    public string Root { get; } = Path.GetFullPath(root);

    public IReadOnlyList<PlannedFile> Files => _files;

    /// <summary>Paths relative to the root, with '/'.</summary>
    public IReadOnlyList<string> RelativePaths => _files.Select(f => Relative(f.Path)).ToList();

    public string Relative(string path) => RepoPath.Relative(Root, path);

    /// <summary>Plans a new file at <paramref name="relative"/> (relative to the root, '/').</summary>
    /// <exception cref="InputException">Something is at that path already, in the repository or in this plan.</exception>
    public void Add(string relative, string text)
    {
        var path = Full(relative);
        if (File.Exists(path) || Directory.Exists(path))
            throw new InputException($"{relative} exists already; NewApp and NewEnvironment only add files. Move it away or choose another name.");
        if (Find(path) is not null) throw new InvalidOperationException($"{relative} is planned twice");
        _files.Add(new PlannedFile(path, text, null));
    }

    /// <summary>Plans an edit of the file at <paramref name="relative"/>: the repository's text, or what this plan already holds for it.</summary>
    public void Edit(string relative, Func<string, string> edit)
    {
        var path = Full(relative);
        if (Find(path) is { } planned)
        {
            _files[_files.IndexOf(planned)] = planned with { Text = edit(planned.Text) };
            return;
        }
        var before = Yaml.ValuesFile.Read(path).Text;
        var after = edit(before);
        if (after != before) _files.Add(new PlannedFile(path, after, before));
    }

    /// <summary>Every planned file as the preview shows it: new ones in full, edited ones as a unified diff.</summary>
    public string Preview()
    {
        var text = new StringBuilder();
        foreach (var file in _files)
        {
            var relative = Relative(file.Path);
            if (file.IsNew)
            {
                text.Append("new file ").Append(relative).Append('\n');
                foreach (var line in file.Text.TrimEnd('\n').Split('\n')) text.Append("  ").Append(line).Append('\n');
            }
            else
            {
                text.Append(UnifiedDiff.Format(file.Before!, file.Text, $"{relative} (before)", $"{relative} (after)"));
            }
            text.Append('\n');
        }
        return text.ToString().TrimEnd('\n') + "\n";
    }

    /// <summary>The same files under another root (a scratch copy of the repository): new ones created, edited ones overwritten.</summary>
    public void WriteInto(string copyRoot)
    {
        foreach (var file in _files)
        {
            var target = Path.Combine(copyRoot, Relative(file.Path));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllText(target, file.Text);
        }
    }

    /// <summary>Writes every planned file, all or none.</summary>
    public void WriteAll() =>
        AtomicFileSet.WriteAll(_files.Select(f => (f.Path, new UTF8Encoding(false).GetBytes(f.Text))).ToList());

    /// <summary>
    /// After <see cref="WriteAll"/>, when what follows it (the commit) failed: edited files get their text back, new ones
    /// are deleted with the folders they leave empty.
    /// </summary>
    public void Undo()
    {
        foreach (var file in _files)
        {
            if (file.Before is { } before)
            {
                AtomicFile.WriteAllText(file.Path, before);
                continue;
            }
            File.Delete(file.Path);
            for (var dir = Path.GetDirectoryName(file.Path); dir is not null && dir != Root && Directory.Exists(dir) && !Directory.EnumerateFileSystemEntries(dir).Any(); dir = Path.GetDirectoryName(dir))
                Directory.Delete(dir);
        }
    }

    private PlannedFile? Find(string path) => _files.FirstOrDefault(f => f.Path == path);

    private string Full(string relative)
    {
        var path = Path.GetFullPath(Path.Combine(Root, relative));
        return RepoPath.IsInside(Root, path) ? path : throw new InputException($"{relative} lies outside the repository; nothing is written there.");
    }
}
