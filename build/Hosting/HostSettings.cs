using System.ComponentModel;
using Cake.Cli;
using Cake.Core.Diagnostics;
using Cake.Core.IO;
using Spectre.Console.Cli;

namespace GitOps.Build.Hosting;

/// <summary>
/// The options every Cake user knows, with Cake's own names and aliases. Anything else on the
/// command line (<c>--name=value</c> or <c>--name value</c>) becomes a custom argument that tasks
/// read from the context.
/// </summary>
public sealed class HostSettings : CommandSettings
{
    [CommandOption("-t|--target <TARGET>")]
    [Description("Target task to run; repeat to run several. Default: the default target.")]
    public string[] Targets { get; set; } = [];

    [CommandOption("-v|--verbosity <VERBOSITY>")]
    [Description("Output detail: quiet, minimal, normal, verbose, diagnostic.")]
    [TypeConverter(typeof(VerbosityConverter))]
    [DefaultValue(Verbosity.Normal)]
    public Verbosity Verbosity { get; set; } = Verbosity.Normal;

    [CommandOption("--description|--descriptions|--showdescription|--showdescriptions")]
    [Description("List the tasks and their descriptions; run nothing.")]
    public bool ShowDescription { get; set; }

    [CommandOption("--tree|--showtree")]
    [Description("Show the task dependency tree; run nothing.")]
    public bool ShowTree { get; set; }

    [CommandOption("--dryrun|--noop|--whatif")]
    [Description("Show the tasks that would run, in order; run nothing.")]
    public bool DryRun { get; set; }

    [CommandOption("-e|--exclusive")]
    [Description("Run the target alone, without its dependencies.")]
    public bool Exclusive { get; set; }

    [CommandOption("-w|--working <PATH>")]
    [Description("Working directory for the run.")]
    [TypeConverter(typeof(Cake.Cli.DirectoryPathConverter))]
    public DirectoryPath? WorkingDirectory { get; set; }

    [CommandOption("--version|--ver")]
    [Description("Print the version and exit.")]
    public bool ShowVersion { get; set; }

    [CommandOption("--info")]
    [Description("Print version and runtime information and exit.")]
    public bool ShowInfo { get; set; }

    [CommandOption("--no-report")]
    [Description("Do not print the task summary at the end.")]
    public bool NoReport { get; set; }
}
