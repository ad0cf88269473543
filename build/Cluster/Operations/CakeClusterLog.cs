using Cake.Core.Diagnostics;
using GitOps.Build.Primitives;

namespace GitOps.Build.Cluster.Operations;

/// <summary>The cluster targets' log written through Cake's log (verbosity decides what verbose shows).</summary>
public sealed class CakeClusterLog(ICakeLog log) : IClusterLog
{
    public void Information(string message) => log.Say(message);
    public void Warning(string message) => log.Warn(message);
    public void Verbose(string message) => log.Detail(message);
}
