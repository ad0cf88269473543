using System.Diagnostics;

namespace GitOps.Build.Tests.Support;

/// <summary>
/// Waiting on a condition instead of on the clock: polls until it holds, and fails naming what never
/// happened. The cap only bounds a broken run; it is generous because this machine's cores are shared,
/// and a passing run never waits longer than the condition takes.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultCap = TimeSpan.FromSeconds(60);

    public static async Task HoldsAsync(Func<bool> condition, string what, TimeSpan? cap = null)
    {
        var limit = cap ?? DefaultCap;
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > limit) Assert.Fail($"never happened within {limit.TotalSeconds:0}s: {what}");
            await Task.Delay(10);
        }
    }

    /// <summary>The same, for code that cannot await (a warm-up action, a task body).</summary>
    public static void Holds(Func<bool> condition, string what, TimeSpan? cap = null) =>
        Task.Run(() => HoldsAsync(condition, what, cap)).GetAwaiter().GetResult();

    /// <summary>Waits (capped) for a task to end and fails naming it if it does not; the task's own outcome is the caller's.</summary>
    public static async Task<T> EndsAsync<T>(Task<T> task, string what, TimeSpan? cap = null)
    {
        var limit = cap ?? DefaultCap;
        if (await Task.WhenAny(task, Task.Delay(limit)) != task) Assert.Fail($"did not end within {limit.TotalSeconds:0}s: {what}");
        return await task;
    }

    /// <summary>Waits (capped) for a task to end and fails naming it if it does not; the task's own outcome is the caller's.</summary>
    public static async Task EndsAsync(Task task, string what, TimeSpan? cap = null)
    {
        var limit = cap ?? DefaultCap;
        if (await Task.WhenAny(task, Task.Delay(limit)) != task) Assert.Fail($"did not end within {limit.TotalSeconds:0}s: {what}");
        await task;
    }
}
