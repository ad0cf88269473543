namespace GitOps.Build.Tests.Support;

/// <summary>What /proc says about a process the test did not start itself.</summary>
public static class ProcessState
{
    /// <summary>No such process, or one that has exited and waits only to be reaped (a zombie).</summary>
    public static bool Gone(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z');
        }
        catch (IOException) { return true; }
    }
}
