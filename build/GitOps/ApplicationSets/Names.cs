using System.Text;

namespace GitOps.Build.GitOps.ApplicationSets;

/// <summary>
/// The "Normalized" parameters (path.basenameNormalized, nameNormalized), Argo CD's SanitizeName,
/// which its template function <c>normalize</c> is too (<see cref="ArgoTemplateFunctions"/>):
/// lower-cased, every character other than a-z, 0-9, '-' and '.' replaced with '-', cut at 253
/// characters (a DNS subdomain), leading and trailing '-' and '.' trimmed. Go works on runes, so a
/// character outside the BMP (two UTF-16 units) is one '-', not two; and Go lower-cases with
/// Unicode's simple mapping, where 'İ' (U+0130) is 'i', which .NET's invariant culture leaves alone
/// (it and the Kelvin sign are the only characters that lower-case into a-z from outside ASCII).
/// </summary>
public static class Names
{
    public static string Normalize(string name)
    {
        var sb = new StringBuilder(name.Length);
        foreach (var rune in name.EnumerateRunes())
        {
            var c = rune.Value == 0x130 ? 'i' : Rune.ToLowerInvariant(rune).Value;
            sb.Append(c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '.' ? (char)c : '-');
        }
        if (sb.Length > 253) sb.Length = 253;
        return sb.ToString().Trim('-', '.');
    }
}
