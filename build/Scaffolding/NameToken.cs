using System.Text.RegularExpressions;

namespace GitOps.Build.Scaffolding;

/// <summary>
/// One name (an app's, an environment's) and the name that takes its place in a copy: every occurrence that stands
/// as a word of its own (bounded by the text's ends or by anything but a letter or a digit) is replaced, so
/// <c>api</c> becomes <c>notifier</c> in <c>apps/api/envs/prod</c>, <c>api-prod</c> and <c>values-api.yaml</c>, but not in
/// <c>rapid</c> or <c>api2</c>. Paths, values and comments of a copy are renamed this one way.
/// </summary>
public sealed class NameToken
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
}
