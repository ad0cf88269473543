using System.Net;

namespace GitOps.Build.Cluster.Api;

/// <summary>A cluster target failed; the message names the object and the fix and is safe to print.</summary>
public class ClusterException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The API answered with an error retrying cannot fix (401/403, 404 kind, 422 invalid...).</summary>
public sealed class ClusterApiException(HttpStatusCode status, string message) : ClusterException(message)
{
    public HttpStatusCode Status { get; } = status;
}

/// <summary>The API server's TLS certificate was refused (untrusted issuer, name mismatch, expired): not retried.</summary>
public sealed class ClusterTlsException(string message, TlsRefusal? refusal, Exception? inner = null) : ClusterException(message, inner)
{
    /// <summary>Which check failed and why; null when the handshake failed for another reason.</summary>
    public TlsRefusal? Refusal { get; } = refusal;
}

/// <summary>The overall --timeout ended before the work was done.</summary>
public sealed class ClusterTimeoutException(string message, Exception? inner = null) : ClusterException(message, inner);

/// <summary>
/// An answer worth retrying (429, 5xx). Thrown inside the retry pipeline only; it never escapes
/// a <see cref="ClusterClient"/> call (the deadline turns the last one into a ClusterTimeoutException).
/// </summary>
public sealed class TransientApiException(HttpStatusCode status, string message, TimeSpan? retryAfter)
    : Exception(message)
{
    public HttpStatusCode Status { get; } = status;
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
