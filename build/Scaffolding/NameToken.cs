using System.Text;
using System.Text.RegularExpressions;

namespace GitOps.Build.Scaffolding;

/// <summary>
/// One name (an app's, an environment's) and the name that takes its place in a copy: every occurrence that stands
/// as a word of its own (bounded by the text's ends or by anything but a letter or a digit) is replaced, so
/// <c>api</c> becomes <c>notifier</c> in <c>apps/api/envs/prod</c>, <c>api-prod</c> and <c>values-api.yaml</c>, but not in
/// <c>rapid</c> or <c>api2</c>. Paths, values and comments of a copy are renamed this one way.
/// </summary>
public sealed partial class NameToken
{
    private readonly Regex _word;

    public NameToken(string from, string to)
    {
        From = from;
        To = to;
        _word = new Regex($"(?<![A-Za-z0-9]){Regex.Escape(from)}(?![A-Za-z0-9])", RegexOptions.CultureInvariant);
    }

    public string From { get; }

    public string To { get; }

    /// <summary>True when <paramref name="text"/> holds the name as a word.</summary>
    public bool In(string text) => _word.IsMatch(text);

    /// <summary>The text with every word occurrence of the name replaced.</summary>
    public string Rename(string text) => _word.Replace(text, To);

    /// <summary>A path relative to the repository root with the name replaced in its folders and file name; null when it does not hold the name.</summary>
    public string? RenamePath(string relative) => In(relative) ? Rename(relative) : null;

    /// <summary>
    /// True for a DNS label (RFC 1123: lower-case letters, digits and '-', starting and ending with a letter or digit,
    /// at most 63 characters): what Kubernetes accepts as a namespace, a Service's name and a label value, and so
    /// what an app or environment name must be to become part of all of them.
    /// </summary>
    public static bool IsDnsLabel(string name) => name.Length is > 0 and <= 63 && DnsLabel().IsMatch(name);

    /// <summary>Why a name is not a DNS label, for the refusal.</summary>
    public static string WhyNotDnsLabel(string name)
    {
        var why = new StringBuilder();
        if (name.Length == 0) return "it is empty";
        if (name.Length > 63) why.Append($"it has {name.Length} characters (at most 63); ");
        if (name.Any(char.IsUpper)) why.Append("it has upper-case letters; ");
        if (name.Any(c => !char.IsAsciiLetterOrDigit(c) && c != '-')) why.Append("it has characters other than a-z, 0-9 and '-'; ");
        if (!char.IsAsciiLetterOrDigit(name[0]) || !char.IsAsciiLetterOrDigit(name[^1])) why.Append("it must start and end with a letter or digit; ");
        return why.Length == 0 ? "it is not one" : why.ToString().TrimEnd(' ', ';');
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex DnsLabel();
}
