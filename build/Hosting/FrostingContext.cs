using Cake.Core;

namespace GitOps.Build.Hosting;

/// <summary>Base of a typed build context: everything Cake's context offers, plus what derived classes add.</summary>
public abstract class FrostingContext(ICakeContext context) : CakeContextAdapter(context);
