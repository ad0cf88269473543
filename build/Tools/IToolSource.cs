namespace GitOps.Build.Tools;

/// <summary>
/// One place a pinned tool can come from. A source writes the candidate binary into a scratch
/// folder it is given; the installer verifies the checksum and moves it into place, so a source
/// never needs to worry about leaving a usable-looking file behind.
/// </summary>
public interface IToolSource
{
    /// <summary>A short human description, used in progress and in the "tried" list of errors.</summary>
    string Describe(ToolSpec spec);

    /// <summary>Writes the binary into <paramref name="scratch"/> and returns its path.</summary>
    Task<string> FetchAsync(ToolSpec spec, string platform, string scratch, CancellationToken cancellationToken);
}
