using GitOps.Build.Hosting;

namespace GitOps.Build.Tasks;

[TaskName("Default")]
[TaskDescription("The default target: the offline CI pipeline (CI).")]
[IsDependentOn(typeof(CiTask))]
public sealed class DefaultTask : FrostingTask;
