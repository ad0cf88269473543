using Microsoft.AspNetCore.Http;

namespace GitOps.Build.Tests.Emulator;

/// <summary>
/// Faults injected on demand, checked before each request is served: N error answers (503, 429...),
/// slow answers, dropped connections, a 403 for a path, watches that break mid-stream, and a
/// "kill after K requests" hook that simulates the build being killed half-way.
/// </summary>
public sealed class FaultInjector
{
    private readonly object _lock = new();
    private readonly List<Rule> _rules = new();
    private int _requests;
    private int _watchDropsLeft;
    private (int At, Action Kill)? _kill;

    /// <summary>Requests seen so far.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>How many faults were served (errors, drops, broken watches): tests assert the faults happened.</summary>
    public int Injected { get; private set; }

    public int WatchesDropped { get; private set; }

    /// <summary>The next <paramref name="count"/> matching requests get <paramref name="status"/> (503 by default).</summary>
    public FaultInjector Fail(int count, int status = 503, string? pathContains = null, string? retryAfter = null) =>
        Add(new Rule(Kind.Status, count, pathContains, null, status, TimeSpan.Zero, retryAfter));

    /// <summary>The next <paramref name="count"/> matching requests get <paramref name="status"/> with <paramref name="body"/>(the request's body) as the answer: an error that echoes what was sent.</summary>
    public FaultInjector FailWithBody(int count, int status, Func<string, string> body, string? pathContains = null, string? method = null) =>
        Add(new Rule(Kind.Status, count, pathContains, method, status, TimeSpan.Zero, null) { Body = body });

    /// <summary>429 Too Many Requests with Retry-After (seconds; "0" retries at once).</summary>
    public FaultInjector Throttle(int count, string retryAfter = "0", string? pathContains = null) =>
        Fail(count, 429, pathContains, retryAfter);

    /// <summary>Every matching request waits <paramref name="delay"/> before being served.</summary>
    public FaultInjector Slow(TimeSpan delay, int count = int.MaxValue, string? pathContains = null) =>
        Add(new Rule(Kind.Slow, count, pathContains, null, 0, delay, null));

    /// <summary>The next matching requests lose their connection (no answer at all).</summary>
    public FaultInjector Drop(int count, string? pathContains = null) =>
        Add(new Rule(Kind.Drop, count, pathContains, null, 0, TimeSpan.Zero, null));

    /// <summary>A permanent 403 for requests whose path contains <paramref name="pathContains"/> (optionally one method).</summary>
    public FaultInjector Forbid(string pathContains, string? method = null) =>
        Add(new Rule(Kind.Status, int.MaxValue, pathContains, method, 403, TimeSpan.Zero, null));

    /// <summary>The next <paramref name="times"/> watches break (connection aborted) after sending <paramref name="afterEvents"/> events.</summary>
    public FaultInjector DropWatches(int times, int afterEvents = 1)
    {
        lock (_lock) { _watchDropsLeft = times; WatchDropAfterEvents = afterEvents; }
        return this;
    }

    public int WatchDropAfterEvents { get; private set; } = 1;

    private int _watchStallsLeft;

    /// <summary>The next <paramref name="times"/> watches go silent: headers, then nothing (a connection that died without a reset).</summary>
    public FaultInjector StallWatches(int times)
    {
        lock (_lock) _watchStallsLeft = times;
        return this;
    }

    public int WatchesStalled { get; private set; }

    internal bool TakeWatchStall()
    {
        lock (_lock)
        {
            if (_watchStallsLeft <= 0) return false;
            _watchStallsLeft--;
            WatchesStalled++;
            Injected++;
            return true;
        }
    }

    /// <summary>Calls <paramref name="kill"/> when request number <paramref name="requests"/> arrives (that request is dropped).</summary>
    public FaultInjector KillAfter(int requests, Action kill)
    {
        lock (_lock) _kill = (Requests + requests, kill);
        return this;
    }

    public void Clear()
    {
        lock (_lock) { _rules.Clear(); _watchDropsLeft = 0; _watchStallsLeft = 0; _kill = null; }
    }

    /// <summary>Whether this watch should break (consumes one).</summary>
    internal bool TakeWatchDrop()
    {
        lock (_lock)
        {
            if (_watchDropsLeft <= 0) return false;
            _watchDropsLeft--;
            WatchesDropped++;
            Injected++;
            return true;
        }
    }

    /// <summary>Applies the faults to one request; true when the request was answered (or dropped) here.</summary>
    internal async Task<bool> ApplyAsync(HttpContext ctx)
    {
        var n = Interlocked.Increment(ref _requests);
        var path = ctx.Request.Path.Value + ctx.Request.QueryString.Value;
        Action? kill = null;
        Rule? hit = null;
        TimeSpan slow = TimeSpan.Zero;
        lock (_lock)
        {
            if (_kill is { } k && n >= k.At) { kill = k.Kill; _kill = null; }
            foreach (var r in _rules.Where(r => r.Left > 0 && r.Matches(path, ctx.Request.Method)))
            {
                if (r.Kind == Kind.Slow) { slow = r.Delay; r.Left--; continue; }
                hit ??= r;
            }
            if (hit is not null) { hit.Left--; Injected++; }
        }
        if (kill is not null)
        {
            kill();
            ctx.Abort();
            return true;
        }
        if (slow > TimeSpan.Zero)
        {
            try { await Task.Delay(slow, ctx.RequestAborted); }
            catch (OperationCanceledException) { return true; }
        }
        if (hit is null) return false;
        if (hit.Kind == Kind.Drop)
        {
            ctx.Abort();
            return true;
        }
        if (hit.RetryAfter is not null) ctx.Response.Headers["Retry-After"] = hit.RetryAfter;
        if (hit.Body is not null)
        {
            var sent = await new StreamReader(ctx.Request.Body).ReadToEndAsync();
            ctx.Response.StatusCode = hit.Status;
            ctx.Response.ContentType = "application/json";
            await ctx.Response.WriteAsync(hit.Body(sent));
            return true;
        }
        var reason = hit.Status switch { 403 => "Forbidden", 429 => "TooManyRequests", 503 => "ServiceUnavailable", _ => "InternalError" };
        var message = hit.Status == 403
            ? $"User \"emulator\" cannot {ctx.Request.Method.ToLowerInvariant()} resource at {ctx.Request.Path}"
            : $"injected fault {hit.Status}";
        await KubeStatus.WriteAsync(ctx, hit.Status, reason, message);
        return true;
    }

    private FaultInjector Add(Rule r)
    {
        lock (_lock) _rules.Add(r);
        return this;
    }

    private enum Kind { Status, Slow, Drop }

    private sealed class Rule(Kind kind, int count, string? pathContains, string? method, int status, TimeSpan delay, string? retryAfter)
    {
        public Kind Kind { get; } = kind;
        public int Left { get; set; } = count;
        public int Status { get; } = status;
        public TimeSpan Delay { get; } = delay;
        public string? RetryAfter { get; } = retryAfter;
        public Func<string, string>? Body { get; init; }

        public bool Matches(string path, string m) =>
            (pathContains is null || path.Contains(pathContains, StringComparison.Ordinal)) &&
            (method is null || string.Equals(method, m, StringComparison.OrdinalIgnoreCase));
    }
}
