using System.Diagnostics;
using System.Globalization;

namespace GitOps.Build.Bench.Sealing;

/// <summary>
/// Runs <c>openssl speed -seconds N rsa4096</c> and reads its verify/s column: RSA-4096 public-key
/// operations per second on one core, the floor cost of any sealing (each value is one public-key op).
/// </summary>
internal static class OpenSslSpeed
{
    public static double Rsa4096PublicOpsPerSecond(int seconds)
    {
        var start = new ProcessStartInfo("openssl") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "speed", "-seconds", seconds.ToString(CultureInfo.InvariantCulture), "rsa4096" })
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start openssl");
        var stderr = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"openssl speed failed: {stderr.Result}");

        // e.g. "rsa 4096 bits 0.005147s 0.000080s    194.3  12484.9" (sign, verify, sign/s, verify/s)
        var line = output.Split('\n').FirstOrDefault(l => l.TrimStart().StartsWith("rsa 4096 bits", StringComparison.Ordinal))
                   ?? throw new InvalidOperationException("no 'rsa 4096 bits' line in openssl speed output:\n" + output);
        var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return double.Parse(fields[^1], CultureInfo.InvariantCulture);
    }
}
