using System.Text.RegularExpressions;

namespace GitOps.Build.Sealing;

/// <summary>The rule Kubernetes applies to Secret data keys (alphanumerics, '-', '_', '.'; at most 253 characters).</summary>
public static partial class SecretKeyNames
{
    public static bool IsValid(string key) => key.Length is > 0 and <= 253 && ValidKey().IsMatch(key);

    /// <summary>Null when valid, otherwise the reason and the rule.</summary>
    public static string? Problem(string key) => IsValid(key)
        ? null
        : $"'{key}' is not a valid Secret key: use letters, digits, '-', '_' or '.', at most 253 characters";

    [GeneratedRegex("^[-._a-zA-Z0-9]+$")]
    private static partial Regex ValidKey();
}
