namespace GitOps.Build.Tests.Emulator;

/// <summary>How long the emulated controllers take. Small by default so tests run fast.</summary>
public sealed class EmulatorTiming
{
    /// <summary>From a pod's creation to Ready (and the owning Deployment/StatefulSet available).</summary>
    public TimeSpan PodReadyDelay { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>From an automated Application appearing to Synced + Healthy.</summary>
    public TimeSpan AppSyncDelay { get; set; } = TimeSpan.FromMilliseconds(100);
}
