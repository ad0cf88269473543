using GitOps.Build.IO;

namespace GitOps.Build.Promotion;

/// <summary>
/// The edited values file, written to a private temp folder so it can be linted, rendered and validated
/// before the real file is touched. Deleted (with its folder) on dispose.
/// </summary>
internal sealed class ScratchValuesFile : IDisposable
{
    private readonly string _folder;

    public ScratchValuesFile(string originalPath, string content)
    {
        _folder = Directory.CreateTempSubdirectory("gitops-promote-").FullName;
        // Same file name as the original, so tool messages about it stay recognisable.
        Path = System.IO.Path.Combine(_folder, System.IO.Path.GetFileName(originalPath));
        AtomicFile.WriteAllText(Path, content);
    }

    public string Path { get; }

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); }
        catch (IOException) { /* a leftover temp copy of a values file is harmless; the promotion's outcome matters more */ }
    }
}
