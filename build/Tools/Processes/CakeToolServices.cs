using Cake.Core;
using Cake.Core.Configuration;
using Cake.Core.Diagnostics;
using Cake.Core.IO;
using Cake.Core.Tooling;

namespace GitOps.Build.Tools.Processes;

/// <summary>
/// What a Cake <c>Tool&lt;TSettings&gt;</c> is built from, made from Cake.Core's own services for use
/// outside a Cake run (tests, benchmarks, the ApplicationSet expander without a run).
/// </summary>
public sealed record CakeToolServices(IFileSystem FileSystem, ICakeEnvironment Environment, IToolLocator Tools)
{
    public static CakeToolServices Standalone()
    {
        var environment = new CakeEnvironment(new CakePlatform(), new CakeRuntime());
        var fileSystem = new FileSystem();
        var configuration = new CakeConfiguration(new Dictionary<string, string>());
        var globber = new Globber(fileSystem, environment);
        var tools = new ToolLocator(environment, new ToolRepository(environment), new ToolResolutionStrategy(fileSystem, environment, globber, configuration, new NullLog()));
        return new CakeToolServices(fileSystem, environment, tools);
    }

    /// <summary>A tool made from standalone services, its processes run by <paramref name="runner"/> (default: the default limit, no cancellation).</summary>
    public static T Create<T>(Func<IFileSystem, ICakeEnvironment, CakeProcessRunner, IToolLocator, T> tool, ChildProcessRunner? runner = null)
    {
        var services = Standalone();
        return tool(services.FileSystem, services.Environment, new CakeProcessRunner(runner ?? ChildProcessRunner.Default), services.Tools);
    }
}
