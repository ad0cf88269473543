namespace GitOps.Build.Tests.Chart;

/// <summary>
/// Renders one environment's Application with extra values on top (a values
/// file written to a private temporary folder, removed afterwards), to test
/// what the chart does with inputs the repository does not hold today.
/// </summary>
public static class ChartOverrides
{
    public static Task<HelmResult> TemplateAsync(string environment, string? extraValuesYaml = null, params string[] extraArguments) =>
        RunAsync("template", environment, extraValuesYaml, extraArguments);

    public static Task<HelmResult> LintAsync(string environment, string? extraValuesYaml = null, params string[] extraArguments) =>
        RunAsync("lint", environment, extraValuesYaml, extraArguments);

    private static async Task<HelmResult> RunAsync(string command, string environment, string? extraValuesYaml, string[] extraArguments)
    {
        var app = ChartApplication.ForEnvironment(global::GitOps.Build.Tests.Support.TestTools.RepoRoot, environment);
        var folder = Directory.CreateTempSubdirectory("chart-values-");
        try
        {
            List<string> arguments = command == "lint"
                ? ["lint", "--strict", app.ChartDirectory, .. app.ValueArguments()]
                : ["template", app.ReleaseName, app.ChartDirectory, .. app.ValueArguments()];
            if (extraValuesYaml is not null)
            {
                var file = Path.Combine(folder.FullName, "override.yaml");
                await File.WriteAllTextAsync(file, extraValuesYaml);
                arguments.AddRange(["--values", file]);
            }
            arguments.AddRange(extraArguments);
            return await HelmProcess.RunAsync([.. arguments]);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
