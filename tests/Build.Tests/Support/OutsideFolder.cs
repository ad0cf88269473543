namespace GitOps.Build.Tests.Support;

/// <summary>
/// A folder outside the repository under test that a hostile repository aims at: files holding a
/// marker that must reach no report, a subfolder, and a snapshot of every entry (path, kind, link
/// target, content) to compare before and after a run, so that anything read into a report, written,
/// or deleted there shows.
/// </summary>
public sealed class OutsideFolder : IDisposable
{
    public string Marker { get; } = "OUTSIDE-" + Guid.NewGuid().ToString("N")[..10];

    public string Root { get; } = Directory.CreateTempSubdirectory("outside-").FullName;

    public OutsideFolder()
    {
        File.WriteAllText(System.IO.Path.Combine(Root, "secret.txt"), $"marker={Marker}\n");
        File.WriteAllText(System.IO.Path.Combine(Root, "values.yaml"), $"greeting: {Marker}\n");
        File.WriteAllText(System.IO.Path.Combine(Root, "config.json"), $$"""{"name": "{{Marker}}", "cluster": "{{Marker}}"}""");
        Directory.CreateDirectory(System.IO.Path.Combine(Root, "nested"));
        File.WriteAllText(System.IO.Path.Combine(Root, "nested", "data.env"), $"KEY={Marker}\n");
    }

    public string Path(string relative) => System.IO.Path.Combine(Root, relative);

    /// <summary>Every entry below the folder (links not followed) with what it holds.</summary>
    public IReadOnlyDictionary<string, string> Snapshot()
    {
        var entries = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var pending = new Stack<string>([Root]);
        while (pending.Count > 0)
        {
            foreach (var entry in new DirectoryInfo(pending.Pop()).EnumerateFileSystemInfos())
            {
                var key = System.IO.Path.GetRelativePath(Root, entry.FullName);
                if (entry.LinkTarget != null) entries[key] = "link:" + entry.LinkTarget;
                else if (entry is DirectoryInfo dir) { entries[key] = "dir"; pending.Push(dir.FullName); }
                else entries[key] = "file:" + File.ReadAllText(entry.FullName);
            }
        }
        return entries;
    }

    /// <summary>Asserts the folder is as <paramref name="before"/> and no file under <paramref name="reports"/> holds the marker.</summary>
    public void AssertUntouched(IReadOnlyDictionary<string, string> before, params string[] reports)
    {
        Assert.Equal(before, Snapshot());
        foreach (var folder in reports.Where(Directory.Exists))
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
                Assert.False(File.ReadAllText(file).Contains(Marker, StringComparison.Ordinal), $"{file} holds what the outside folder holds");
        }
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}
