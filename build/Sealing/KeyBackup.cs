namespace GitOps.Build.Sealing;

/// <summary>The keys read from one backup, in file order, with the problems found while reading.</summary>
public sealed record KeyBackup(string Source, IReadOnlyList<SealingKey> Keys, IReadOnlyList<string> Problems)
{
    /// <summary>Throws with every problem listed when a key is missing or does not match its certificate.</summary>
    public KeyBackup EnsureValid()
    {
        if (Problems.Count > 0)
            throw new SealingException($"{Source}: the key backup is not usable:\n  " + string.Join("\n  ", Problems));
        if (Keys.Count == 0)
            throw new SealingException($"{Source}: the key backup holds no keys (expected kubernetes.io/tls Secrets with tls.key, or PEM private keys).");
        return this;
    }

    /// <summary>The keys newest first, as the controller prefers them (unknown dates last, file order kept).</summary>
    public IEnumerable<SealingKey> NewestFirst() =>
        Keys.Select((key, index) => (key, index))
            .OrderByDescending(k => k.key.CreatedAt ?? DateTimeOffset.MinValue)
            .ThenBy(k => k.index)
            .Select(k => k.key);
}
