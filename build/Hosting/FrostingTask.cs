using Cake.Core;

namespace GitOps.Build.Hosting;

/// <summary>Marker for every task class the host discovers.</summary>
public interface IFrostingTask
{
    Task RunAsync(ICakeContext context);
    bool ShouldRun(ICakeContext context);
    void OnError(Exception exception, ICakeContext context);
    void Finally(ICakeContext context);
}

/// <summary>A synchronous task over the context <typeparamref name="T"/> (Cake.Frosting's shape).</summary>
public abstract class FrostingTask<T> : IFrostingTask where T : ICakeContext
{
    public virtual void Run(T context) { }
    public virtual bool ShouldRun(T context) => true;
    public virtual void OnError(Exception exception, T context) { }
    public virtual void Finally(T context) { }

    Task IFrostingTask.RunAsync(ICakeContext context) { Run((T)context); return Task.CompletedTask; }
    bool IFrostingTask.ShouldRun(ICakeContext context) => ShouldRun((T)context);
    void IFrostingTask.OnError(Exception exception, ICakeContext context) => OnError(exception, (T)context);
    void IFrostingTask.Finally(ICakeContext context) => Finally((T)context);
}

/// <summary>A task with no work of its own: it only groups dependencies.</summary>
public abstract class FrostingTask : FrostingTask<ICakeContext>;

/// <summary>An asynchronous task over the context <typeparamref name="T"/>.</summary>
public abstract class AsyncFrostingTask<T> : IFrostingTask where T : ICakeContext
{
    public virtual Task RunAsync(T context) => Task.CompletedTask;
    public virtual bool ShouldRun(T context) => true;
    public virtual void OnError(Exception exception, T context) { }
    public virtual void Finally(T context) { }

    Task IFrostingTask.RunAsync(ICakeContext context) => RunAsync((T)context);
    bool IFrostingTask.ShouldRun(ICakeContext context) => ShouldRun((T)context);
    void IFrostingTask.OnError(Exception exception, ICakeContext context) => OnError(exception, (T)context);
    void IFrostingTask.Finally(ICakeContext context) => Finally((T)context);
}
