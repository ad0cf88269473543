namespace GitOps.Build.Primitives;

/// <summary>A count with its noun, as the reports and the console say it: "1 edge", "3 edges".</summary>
public static class Plural
{
    /// <param name="what">The singular; the plural adds an s (the nouns the suite counts all take one).</param>
    public static string Of(int n, string what) => n == 1 ? $"1 {what}" : $"{n} {what}s";
}
