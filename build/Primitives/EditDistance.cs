namespace GitOps.Build.Primitives;

/// <summary>Levenshtein distance, to suggest the argument or name a user probably meant.</summary>
public static class EditDistance
{
    public static int Between(string a, string b)
    {
        a = a.ToLowerInvariant();
        b = b.ToLowerInvariant();
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }

    /// <summary>The closest candidate, if it is close enough to be a typo (a third of the word, at least 2 edits).</summary>
    public static string? Closest(string word, IEnumerable<string> candidates)
    {
        var limit = Math.Max(2, word.Length / 3);
        return candidates
            .Select(c => (Candidate: c, Distance: Between(word, c)))
            .Where(c => c.Distance <= limit)
            .OrderBy(c => c.Distance).ThenBy(c => c.Candidate, StringComparer.Ordinal)
            .Select(c => c.Candidate)
            .FirstOrDefault();
    }
}
