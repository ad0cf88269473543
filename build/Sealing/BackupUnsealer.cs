namespace GitOps.Build.Sealing;

/// <summary>A value opened with a key from a backup: the plaintext and the key that opened it.</summary>
public sealed record OpenedValue(byte[] Plaintext, SealingKey OpenedBy);

/// <summary>
/// Opens a sealed value with whichever key of a backup fits, newest key first, as the controller tries
/// all its keys. When none fits, the error lists each key with its reason; it never holds the value.
/// </summary>
public static class BackupUnsealer
{
    public static OpenedValue Unseal(KeyBackup backup, SealingLabel label, string sealedValue, string where) =>
        TryUnseal(backup, label, sealedValue, out var failures) ??
        throw new SealingException(
            $"{where}: no key in {backup.Source} opens this value under label {label}:\n  " + string.Join("\n  ", failures) +
            "\n  Check the Secret name, namespace and scope the value was sealed for, and that the backup holds the key that sealed it.");

    /// <summary>Null when no key opens the value; <paramref name="failures"/> then says why, key by key.</summary>
    public static OpenedValue? TryUnseal(KeyBackup backup, SealingLabel label, string sealedValue, out IReadOnlyList<string> failures)
    {
        var reasons = new List<string>();
        failures = reasons;
        if (SealedValueLayout.TrySplit(sealedValue, out _, out _, out var malformed) is false)
        {
            reasons.Add($"malformed: {malformed}");
            return null;
        }
        foreach (var key in backup.NewestFirst())
        {
            var attempt = SecretUnsealer.TryUnseal(key.PrivateKey, label, sealedValue);
            if (attempt.Succeeded) return new OpenedValue(attempt.Plaintext!, key);
            reasons.Add($"{key.Describe()}: {attempt.Failure}");
        }
        if (backup.Keys.Count == 0) reasons.Add("the backup holds no keys");
        return null;
    }
}
