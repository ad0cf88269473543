using GitOps.Build.Primitives;

namespace GitOps.Build.Tests.Reporting;

/// <summary>
/// What the console prints from repository text cannot be read by GitHub's runner as a workflow
/// command: no line (split at LF or CR, as the runner splits them) starts with "::" after spaces,
/// no line holds "##[" (the runner's older syntax, read anywhere in a line).
/// </summary>
public sealed class ConsoleTextTests
{
    [Theory]
    [InlineData("file x\n::error title=Forged::owned")]
    [InlineData("file x\r   ::add-mask::value")]
    [InlineData("::stop-commands::token")]
    [InlineData("a ##[error]forged")]
    [InlineData("\t::warning file=a::b\n\n  ::notice::c")]
    public void No_line_of_the_output_is_a_workflow_command(string text)
    {
        foreach (var output in new[] { ConsoleText.Lines(text), ConsoleText.Cell(text) })
        {
            var lines = output.Split('\n', '\r');
            Assert.DoesNotContain(lines, l => l.TrimStart().StartsWith("::", StringComparison.Ordinal));
            Assert.DoesNotContain(lines, l => l.Contains("##[", StringComparison.Ordinal));
            Assert.Equal(text.Replace("\u200B", ""), output.Replace("\u200B", "")); // reads the same
        }
    }

    [Fact]
    public void Text_that_starts_no_command_is_printed_as_it_is()
    {
        Assert.Equal("connected to https://[::1]:6443", ConsoleText.Lines("connected to https://[::1]:6443"));
        Assert.Equal("two\nlines", ConsoleText.Lines("two\nlines"));
    }
}
