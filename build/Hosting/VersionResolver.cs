using System.Reflection;
using Cake.Cli;

namespace GitOps.Build.Hosting;

/// <summary>Reports this build program's version (Cake.Cli's resolver would report Cake's own).</summary>
internal sealed class BuildVersionResolver : IVersionResolver
{
    public string GetVersion() =>
        Assembly.GetEntryAssembly()?.GetName().Version?.ToString(3) ?? "0.0.0";

    public string GetProductVersion() =>
        Assembly.GetEntryAssembly()?.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? GetVersion();
}
