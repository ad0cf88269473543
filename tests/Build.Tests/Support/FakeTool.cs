namespace GitOps.Build.Tests.Support;

/// <summary>A stand-in for a tool (helm, kubectl): a shell script the test writes, executable, named like the tool.</summary>
public static class FakeTool
{
    /// <summary>Writes <c>#!/bin/sh</c> and <paramref name="body"/> to <paramref name="folder"/>/<paramref name="name"/>; returns its path.</summary>
    public static string Write(string folder, string name, string body)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, "#!/bin/sh\n" + body.Replace("\r\n", "\n") + "\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    /// <summary>A stand-in that records each call (one line per call in <paramref name="calls"/>) and then runs <paramref name="real"/> with the same arguments.</summary>
    public static string Counting(string folder, string name, string real, string calls) =>
        Write(folder, name, $"echo \"$*\" >> '{calls}'\nexec '{real}' \"$@\"");

    /// <summary>How many calls a <see cref="Counting"/> stand-in recorded.</summary>
    public static int Calls(string calls) => File.Exists(calls) ? File.ReadAllLines(calls).Length : 0;
}
