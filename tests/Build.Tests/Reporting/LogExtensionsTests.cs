using Cake.Core.Diagnostics;
using GitOps.Build.Primitives;
using GitOps.Build.Tests.Hosting;

namespace GitOps.Build.Tests.Reporting;

/// <summary>Text we compose goes through Cake's log as written: braces, format items and all.</summary>
public sealed class LogExtensionsTests
{
    [Theory]
    [InlineData("Add one, i.e. images: [{name: <image>, newTag: <tag>}], written as a block list.")]
    [InlineData("a {0} that is no format item, and }{ unbalanced")]
    public void Braces_print_as_they_are_written(string text)
    {
        var console = new CapturingConsole();
        var log = new CakeBuildLog(console, Verbosity.Normal);

        log.Say(text);
        log.Fail(text);

        Assert.Equal($"{text}\n{text}\n", console.Text.Replace("\r\n", "\n"));
    }
}
