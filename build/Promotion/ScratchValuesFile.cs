using GitOps.Build.IO;

namespace GitOps.Build.Promotion;

/// <summary>
/// The edited values file, written to a private temp folder so it can be linted, rendered and validated
/// before the real file is touched. Deleted (with its folder) on dispose.
/// </summary>
internal sealed class ScratchValuesFile : IDisposable
{
    private readonly ScratchFolder _folder = ScratchFolder.Create("promote");

    public ScratchValuesFile(string originalPath, string content)
    {
        // Same file name as the original, so tool messages about it stay recognisable.
        Path = _folder.File(System.IO.Path.GetFileName(originalPath));
        AtomicFile.WriteAllText(Path, content);
    }

    public string Path { get; }

    public void Dispose() => _folder.Dispose();
}
