
namespace GitOps.Build.Cluster.Operations;

/// <summary>Where cluster targets report progress; tasks adapt it to the console, tests record it.</summary>
public interface IClusterLog
{
    void Information(string message);
    void Warning(string message);
    void Verbose(string message);
}
