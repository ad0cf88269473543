using System.Diagnostics;
using System.Globalization;
using GitOps.Build.Bench.Sealing;
using GitOps.Build.Sealing;

// Values sealed per second by GitOps.Build.Sealing on one thread, against openssl's RSA-4096
// public-key operations per second measured in the same run. Goal: ratio >= 0.1.
// Usage: sealing.sh [--cert=path] [--seconds=3]

var arguments = args.Select(a => a.Split('=', 2)).ToDictionary(a => a[0].TrimStart('-'), a => a.Length > 1 ? a[1] : "");
var seconds = int.Parse(arguments.GetValueOrDefault("seconds", "3"), CultureInfo.InvariantCulture);
var certPath = arguments.GetValueOrDefault("cert") ?? FindUp("gitops/infrastructure/sealed-secrets/pub-cert.pem");

var certificate = SealingCertificates.LoadFile(certPath).Certificate;
var label = SealingLabel.For(SealingScope.Strict, "ontu-schedule-prod", "ontu-schedule-bot-admin");
var value = "a typical 32-byte database pass!"u8.ToArray();

Console.WriteLine($"certificate: {certPath} (RSA {certificate.KeySizeBits})");
Measure(TimeSpan.FromSeconds(1)); // warm-up: JIT and tiering
// Ours is measured before and after openssl and averaged, so a change in machine load during the
// run (the cores are shared) weighs on both sides alike.
var before = Measure(TimeSpan.FromSeconds(seconds));
var opensslPerSecond = OpenSslSpeed.Rsa4096PublicOpsPerSecond(seconds);
var after = Measure(TimeSpan.FromSeconds(seconds));
var sealedPerSecond = (before + after) / 2;
Console.WriteLine($"ours:    {sealedPerSecond,10:F1} values sealed per user-CPU second (1 thread, {value.Length}-byte value, strict label; {before:F1} before and {after:F1} after openssl)");
Console.WriteLine($"openssl: {opensslPerSecond,10:F1} rsa4096 public-key ops per user-CPU second (openssl speed -seconds {seconds} rsa4096, verify/s)");

var ratio = sealedPerSecond / opensslPerSecond;
Console.WriteLine($"ratio:   {ratio,10:F3} (goal >= 0.1: {(ratio >= 0.1 ? "met" : "NOT met")})");
return 0;

// Per second of user CPU time, as `openssl speed` divides by user CPU time unless given -elapsed:
// on shared cores, wall-clock rates swing with the neighbours' load while CPU-time rates do not.
double Measure(TimeSpan duration)
{
    long count = 0;
    var process = Process.GetCurrentProcess();
    var cpuBefore = process.UserProcessorTime;
    var clock = Stopwatch.StartNew();
    while (clock.Elapsed < duration)
    {
        SecretSealer.Seal(certificate, label, value);
        count++;
    }
    process.Refresh();
    var cpu = (process.UserProcessorTime - cpuBefore).TotalSeconds;
    Console.WriteLine($"  sealed {count} values in {clock.Elapsed.TotalSeconds:F2} s wall, {cpu:F2} s user CPU");
    return count / cpu;
}

static string FindUp(string relative)
{
    for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir != null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, relative))) return Path.Combine(dir.FullName, relative);
    throw new FileNotFoundException($"{relative} not found above {Environment.CurrentDirectory}; pass --cert=<pem>.");
}
