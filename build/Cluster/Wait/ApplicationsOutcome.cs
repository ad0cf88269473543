namespace GitOps.Build.Cluster.Wait;

/// <summary>The Applications as last seen, and whether every automated one is green.</summary>
public sealed record ApplicationsOutcome(IReadOnlyList<ApplicationState> Applications)
{
    public bool AllAutomatedGreen => Applications.Count > 0 && Applications.All(a => a.Verdict != ApplicationVerdict.Pending);

    public IEnumerable<ApplicationState> WaitingForApproval => Applications.Where(a => a.Verdict == ApplicationVerdict.WaitingForApproval);

    public IEnumerable<ApplicationState> NotGreen => Applications.Where(a => a.Verdict == ApplicationVerdict.Pending);

    /// <summary>The report printed when the timeout ends: every automated Application that is not green, and why.</summary>
    public string NotGreenReport() =>
        string.Join(Environment.NewLine, NotGreen.Select(a => $"  {a.Name}: {a.Why()}"));
}
