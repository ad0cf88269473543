namespace GitOps.Build.Primitives;

/// <summary>
/// The input or the command line is wrong (a revision that does not exist, a file the run must not
/// touch, a value nothing can read), and the fix is the operator's. Libraries throw it instead of
/// the host's <c>UsageException</c>, which derives from it: the host prints the message alone (no
/// stack trace) and exits 2 for either, before or during the run.
/// </summary>
public class InputException(string message) : Exception(message);
