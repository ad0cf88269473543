using GitOps.Build.Primitives;

namespace GitOps.Build.Hosting;

/// <summary>
/// The command line asked for something that cannot be: an unknown target, a bad argument value.
/// The host prints the message alone (no stack trace) and exits with <see cref="ExitCodes.Usage"/>,
/// as it does for any <see cref="InputException"/> (what the libraries throw for bad input).
/// </summary>
public sealed class UsageException(string message) : InputException(message);

/// <summary>Exit codes CI can act on.</summary>
public static class ExitCodes
{
    public const int Success = 0;
    /// <summary>A task failed (a finding, a tool error, a cluster error).</summary>
    public const int Failure = 1;
    /// <summary>The command line was wrong: unknown target, bad argument value.</summary>
    public const int Usage = 2;
    /// <summary>Stopped by SIGINT or SIGTERM (128 + SIGINT, as shells report it).</summary>
    public const int Interrupted = 130;
}
