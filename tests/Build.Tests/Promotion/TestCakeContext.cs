using Cake.Core;
using Cake.Core.Configuration;
using Cake.Core.Diagnostics;
using Cake.Core.IO;
using Cake.Core.Tooling;
using Microsoft.Extensions.DependencyInjection;

namespace GitOps.Build.Tests.Promotion;

/// <summary>A real Cake context (real file system and environment, silent log) for calling Cake.Git aliases in tests.</summary>
internal static class TestCakeContext
{
    public static ICakeContext Create()
    {
        var fileSystem = new FileSystem();
        var environment = new CakeEnvironment(new CakePlatform(), new CakeRuntime());
        var globber = new Globber(fileSystem, environment);
        var log = new NullLog();
        var configuration = new CakeConfiguration(new Dictionary<string, string>());
        var tools = new ToolLocator(environment, new ToolRepository(environment),
            new ToolResolutionStrategy(fileSystem, environment, globber, configuration, log));
        return new CakeContext(fileSystem, environment, globber, log,
            new CakeArguments(Array.Empty<string>().ToLookup(x => x)),
            new ProcessRunner(fileSystem, environment, log, tools, configuration),
            new WindowsRegistry(), tools, new CakeDataService(), configuration,
            new ToolInstaller(environment, tools, configuration, log, []),
            new ServiceCollection().BuildServiceProvider());
    }
}
