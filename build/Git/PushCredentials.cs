using LibGit2Sharp;
using LibGit2Sharp.Handlers;

namespace GitOps.Build.Git;

/// <summary>
/// Who gets the push token: only an https URL on the host (and port) of the remote's configured URL.
/// libgit2 asks the credentials callback for whatever URL it is talking to (a redirect included), so
/// every request is checked; http, another host, ssh or a local path get no credentials at all.
/// </summary>
public static class PushCredentials
{
    /// <summary>The callback for <paramref name="configuredUrl"/>; null when there is no token (libgit2 then sends nothing).</summary>
    public static CredentialsHandler? For(string? configuredUrl, string? token)
    {
        if (string.IsNullOrEmpty(token) || configuredUrl is null) return null;
        return (url, _, _) => Allows(configuredUrl, url)
            ? new UsernamePasswordCredentials { Username = "x-access-token", Password = token }
            : new NoCredentials();
    }

    /// <summary>True when <paramref name="requestedUrl"/> is https on the same host and port as <paramref name="configuredUrl"/>, itself https.</summary>
    public static bool Allows(string configuredUrl, string? requestedUrl) =>
        Uri.TryCreate(configuredUrl, UriKind.Absolute, out var configured)
        && Uri.TryCreate(requestedUrl, UriKind.Absolute, out var requested)
        && configured.Scheme == Uri.UriSchemeHttps && requested.Scheme == Uri.UriSchemeHttps
        && string.Equals(configured.IdnHost, requested.IdnHost, StringComparison.OrdinalIgnoreCase)
        && configured.Port == requested.Port;

    /// <summary>Tells libgit2 "no credential here" (a positive result): the request goes unauthenticated and fails as such.</summary>
    private sealed class NoCredentials : Credentials
    {
        protected override int GitCredentialHandler(out IntPtr cred)
        {
            cred = IntPtr.Zero;
            return 1;
        }
    }
}
