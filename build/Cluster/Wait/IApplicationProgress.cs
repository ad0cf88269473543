namespace GitOps.Build.Cluster.Wait;

/// <summary>Receives the Applications' state each time it changes (a live table, a plain line, or a test recorder).</summary>
public interface IApplicationProgress
{
    void Update(IReadOnlyList<ApplicationState> applications);
}

/// <summary>Hosts the watch inside a display (Spectre.Console Live needs to own the loop).</summary>
public interface IApplicationProgressView
{
    Task<T> RunAsync<T>(Func<IApplicationProgress, Task<T>> body);
}

/// <summary>A view that shows nothing (tests, benchmarks).</summary>
public sealed class SilentProgressView : IApplicationProgressView, IApplicationProgress
{
    public List<IReadOnlyList<ApplicationState>> Updates { get; } = [];
    public Task<T> RunAsync<T>(Func<IApplicationProgress, Task<T>> body) => body(this);
    public void Update(IReadOnlyList<ApplicationState> applications) { lock (Updates) Updates.Add(applications); }
}
