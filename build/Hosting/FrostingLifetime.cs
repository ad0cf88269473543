using Cake.Core;

namespace GitOps.Build.Hosting;

/// <summary>Set-up and tear-down around the whole run (Cake's Setup/Teardown).</summary>
public interface IFrostingLifetime
{
    void Setup(ICakeContext context, ISetupContext info);
    void Teardown(ICakeContext context, ITeardownContext info);
}

public abstract class FrostingLifetime<TContext> : IFrostingLifetime where TContext : ICakeContext
{
    public abstract void Setup(TContext context, ISetupContext info);
    public abstract void Teardown(TContext context, ITeardownContext info);

    void IFrostingLifetime.Setup(ICakeContext context, ISetupContext info) => Setup((TContext)context, info);
    void IFrostingLifetime.Teardown(ICakeContext context, ITeardownContext info) => Teardown((TContext)context, info);
}
