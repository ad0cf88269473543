using System.Globalization;
using System.Text.RegularExpressions;

namespace GitOps.Build.Cluster;

/// <summary>
/// Parses the durations operators type for --timeout: Go-style "90s", "10m", "1h30m", "500ms",
/// or a bare number of seconds. One grammar for every cluster target.
/// </summary>
public static partial class DurationParser
{
    [GeneratedRegex(@"(\d+(?:\.\d+)?)(ms|h|m|s)", RegexOptions.CultureInvariant)]
    private static partial Regex Part();

    public static TimeSpan Parse(string text, string argumentName = "--timeout")
    {
        if (TryParse(text, out var value)) return value;
        throw new ArgumentException(
            $"Invalid duration '{text}' for {argumentName}: use a number with a unit (ms, s, m, h), e.g. 90s, 10m or 1h30m.");
    }

    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var s = text.Trim();
        if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            if (seconds <= 0) return false;
            value = TimeSpan.FromSeconds(seconds);
            return true;
        }

        var position = 0;
        var total = TimeSpan.Zero;
        foreach (Match m in Part().Matches(s))
        {
            if (m.Index != position) return false; // garbage between parts
            position += m.Length;
            var n = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            total += m.Groups[2].Value switch
            {
                "ms" => TimeSpan.FromMilliseconds(n),
                "s" => TimeSpan.FromSeconds(n),
                "m" => TimeSpan.FromMinutes(n),
                _ => TimeSpan.FromHours(n),
            };
        }
        if (position != s.Length || total <= TimeSpan.Zero) return false;
        value = total;
        return true;
    }

    /// <summary>Formats back in the same style, for messages ("1h30m", "90s" → "1m30s").</summary>
    public static string Format(TimeSpan t)
    {
        if (t < TimeSpan.FromSeconds(1)) return $"{(int)t.TotalMilliseconds}ms";
        var parts = new List<string>();
        if (t.Hours + t.Days * 24 > 0) parts.Add($"{t.Hours + t.Days * 24}h");
        if (t.Minutes > 0) parts.Add($"{t.Minutes}m");
        if (t.Seconds > 0 || parts.Count == 0) parts.Add($"{t.Seconds}s");
        return string.Concat(parts);
    }
}
