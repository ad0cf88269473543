namespace GitOps.Build.Helm;

/// <summary>
/// Garbage-collector settings for a Go program that runs for a fraction of a second, as helm does
/// here: collecting during such a run is wasted work (about a tenth of a lint or a template on
/// this repository's charts), so the collector is switched off until the heap nears 1 GiB, the
/// bound that keeps a very large render from growing without limit. Settings the user already
/// has in the environment win.
/// </summary>
public static class ShortLivedGoRuntime
{
    public const string MemoryLimit = "1GiB";

    public static void Apply(IDictionary<string, string> childEnvironment, Func<string, string?> currentEnvironment)
    {
        if (!string.IsNullOrEmpty(currentEnvironment("GOGC")) || !string.IsNullOrEmpty(currentEnvironment("GOMEMLIMIT"))) return;
        if (childEnvironment.ContainsKey("GOGC") || childEnvironment.ContainsKey("GOMEMLIMIT")) return;
        childEnvironment["GOGC"] = "off";
        childEnvironment["GOMEMLIMIT"] = MemoryLimit;
    }
}
