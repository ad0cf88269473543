using Cake.Core;
using Cake.Core.Configuration;
using Cake.Core.Diagnostics;
using Cake.Core.IO;
using Cake.Core.Tooling;

namespace GitOps.Build.Helm;

/// <summary>Builds a <see cref="HelmRunner"/> outside a Cake run (tests, benchmarks) from Cake.Core's own services.</summary>
public static class HelmFactory
{
    public static HelmRunner Standalone()
    {
        var environment = new CakeEnvironment(new CakePlatform(), new CakeRuntime());
        var fileSystem = new FileSystem();
        var configuration = new CakeConfiguration(new Dictionary<string, string>());
        var log = new NullLog();
        var globber = new Globber(fileSystem, environment);
        var tools = new ToolLocator(environment, new ToolRepository(environment), new ToolResolutionStrategy(fileSystem, environment, globber, configuration, log));
        return new HelmRunner(fileSystem, environment, new ProcessRunner(fileSystem, environment, log, tools, configuration), tools);
    }
}
