namespace GitOps.Build.Sealing;

/// <summary>
/// A sealing operation that cannot go on: a bad certificate, a malformed value, a key that does not fit.
/// The message names the file (and line when known) and the fix; it never carries a secret value,
/// which is why callers may print it as is.
/// </summary>
public sealed class SealingException : Exception
{
    public SealingException(string message) : base(message) { }
    public SealingException(string message, Exception inner) : base(message, inner) { }
}
