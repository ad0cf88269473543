using System.Text.RegularExpressions;

namespace GitOps.Build.GitOps.ApplicationSets;

/// <summary>
/// The "Normalized" parameters (path.basenameNormalized, nameNormalized): lower-cased, every
/// character other than a-z, 0-9, '-' and '.' replaced with '-', cut at 253 characters (a DNS
/// subdomain), leading and trailing '-' and '.' trimmed.
/// </summary>
public static partial class Names
{
    public static string Normalize(string name)
    {
        var lowered = Invalid().Replace(name.ToLowerInvariant(), "-");
        if (lowered.Length > 253) lowered = lowered[..253];
        return lowered.Trim('-', '.');
    }

    [GeneratedRegex("[^-a-z0-9.]")]
    private static partial Regex Invalid();
}
