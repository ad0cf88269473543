using System.Globalization;
using System.Text.RegularExpressions;

namespace GitOps.Build.Primitives;

/// <summary>
/// Durations as operators write them for kubectl and helm: <c>90s</c>, <c>10m</c>, <c>1h30m</c>,
/// <c>500ms</c>; a bare number is seconds.
/// </summary>
public static partial class Duration
{
    [GeneratedRegex(@"^(?:(?<h>\d+(?:\.\d+)?)h)?(?:(?<m>\d+(?:\.\d+)?)m(?!s))?(?:(?<s>\d+(?:\.\d+)?)s)?(?:(?<ms>\d+)ms)?$")]
    private static partial Regex Pattern();

    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        text = text.Trim();
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            if (seconds < 0) return false;
            value = TimeSpan.FromSeconds(seconds);
            return true;
        }
        var match = Pattern().Match(text);
        if (!match.Success) return false;
        double Part(string name) => match.Groups[name].Success ? double.Parse(match.Groups[name].Value, CultureInfo.InvariantCulture) : 0;
        value = TimeSpan.FromHours(Part("h")) + TimeSpan.FromMinutes(Part("m")) + TimeSpan.FromSeconds(Part("s")) + TimeSpan.FromMilliseconds(Part("ms"));
        return true;
    }

    public static string Format(TimeSpan value) =>
        value.TotalSeconds < 1 ? $"{value.TotalMilliseconds:0}ms"
        : value.TotalMinutes < 1 ? $"{value.TotalSeconds:0.#}s"
        : value.TotalHours < 1 ? $"{(int)value.TotalMinutes}m{(value.Seconds > 0 ? $"{value.Seconds}s" : "")}"
        : $"{(int)value.TotalHours}h{(value.Minutes > 0 ? $"{value.Minutes}m" : "")}";
}
