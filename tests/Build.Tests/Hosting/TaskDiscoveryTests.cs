using GitOps.Build.Hosting;

namespace GitOps.Build.Tests.Hosting;

public class TaskDiscoveryTests
{
    [Fact]
    public void Reads_names_descriptions_and_dependencies_from_attributes()
    {
        var tasks = TaskDiscovery.Describe([typeof(TaskA), typeof(TaskB), typeof(TaskX), typeof(TaskC), typeof(BoomTask), typeof(ToleratedTask)]);
        var a = tasks.Single(t => t.Name == "A");
        Assert.Equal("first step", a.Description);
        Assert.Equal(["A"], tasks.Single(t => t.Name == "B").DependsOn);
        Assert.Equal(["C"], tasks.Single(t => t.Name == "X").DependeeOf);
        Assert.True(tasks.Single(t => t.Name == "Boom").HasErrorHandler);
        Assert.True(tasks.Single(t => t.Name == "Boom").HasFinally);
        Assert.False(a.HasErrorHandler);
        Assert.True(tasks.Single(t => t.Name == "Tolerated").ContinueOnError);
    }

    [Fact]
    public void A_task_without_TaskName_is_named_after_its_class()
    {
        Assert.Equal("NamedByClassTask", TaskDiscovery.Describe([typeof(NamedByClassTask)]).Single().Name);
    }

    [Fact]
    public void Depending_on_a_class_that_is_not_a_task_is_an_error_naming_both()
    {
        var error = Assert.Throws<InvalidOperationException>(() => TaskDiscovery.Describe([typeof(BadDependencyTask)]));
        Assert.Contains("BadDependency", error.Message);
        Assert.Contains(nameof(NotATask), error.Message);
    }

    [Fact]
    public void Discovers_the_build_programs_own_targets()
    {
        var names = TaskDiscovery.Discover([typeof(global::GitOps.Build.BuildContext).Assembly]).Select(t => t.Name).ToList();
        Assert.Contains("CI", names);
        Assert.Contains("Default", names);
        Assert.Contains("Lint", names);
        Assert.Contains("Tools", names);
    }
}
