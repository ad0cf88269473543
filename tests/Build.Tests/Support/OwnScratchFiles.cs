using GitOps.Build.IO;

namespace GitOps.Build.Tests.Support;

/// <summary>
/// The text of every file in this test process's scratch folders (named "purpose-pid-id" under
/// <see cref="ScratchFolder.Root"/>): what a test may search for a leaked secret. Folders of other
/// processes are left out, because the suite of another checkout may run on the same machine with
/// the same fixture values at the same time.
/// </summary>
public static class OwnScratchFiles
{
    public static IEnumerable<string> Texts()
    {
        if (!Directory.Exists(ScratchFolder.Root)) return [];
        var own = $"-{Environment.ProcessId}-";
        return Directory.EnumerateDirectories(ScratchFolder.Root)
            .Where(d => Path.GetFileName(d).Contains(own, StringComparison.Ordinal))
            .SelectMany(d => Enumerate(d))
            .Select(Read);
    }

    private static IEnumerable<string> Enumerate(string folder)
    {
        try { return Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).ToList(); }
        catch (IOException) { return []; } // another test's scratch folder, gone meanwhile
        catch (UnauthorizedAccessException) { return []; }
    }

    private static string Read(string file)
    {
        try { return File.ReadAllText(file); }
        catch (IOException) { return ""; }
        catch (UnauthorizedAccessException) { return ""; }
    }
}
