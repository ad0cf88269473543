using GitOps.Build.Cluster.Operations;

namespace GitOps.Build.Tests.Cluster;

/// <summary>Keeps every log line so tests can assert what the operator was told.</summary>
public sealed class RecordingLog : IClusterLog
{
    private readonly List<string> _lines = new();

    public IReadOnlyList<string> Lines { get { lock (_lines) return _lines.ToList(); } }
    public string Text => string.Join("\n", Lines);

    public void Information(string message) { lock (_lines) _lines.Add("info: " + message); }
    public void Warning(string message) { lock (_lines) _lines.Add("warning: " + message); }
    public void Verbose(string message) { lock (_lines) _lines.Add("verbose: " + message); }
}
