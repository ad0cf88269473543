using System.Formats.Tar;
using System.IO.Compression;

namespace GitOps.Build.Tools;

/// <summary>The tool's official release download: what a user on the internet expects.</summary>
public sealed class OfficialReleaseSource(Func<HttpClient> http) : IToolSource
{
    public string Describe(ToolSpec spec) => $"official release {spec.OfficialArchive(ToolSpec.CurrentPlatform)}";

    public async Task<string> FetchAsync(ToolSpec spec, string platform, string scratch, CancellationToken cancellationToken)
    {
        var uri = spec.OfficialArchive(platform);
        var download = Path.Combine(scratch, Path.GetFileName(uri.AbsolutePath));
        using (var response = await http().GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancellationToken))
        {
            response.EnsureSuccessStatusCode();
            await using var file = File.Create(download);
            await response.Content.CopyToAsync(file, cancellationToken);
        }
        if (string.IsNullOrEmpty(spec.OfficialArchiveMember)) return download;

        var member = spec.OfficialArchiveMember.Replace("{platform}", platform);
        await using var gzip = new GZipStream(File.OpenRead(download), CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        while (await tar.GetNextEntryAsync(cancellationToken: cancellationToken) is { } entry)
        {
            if (entry.Name.TrimStart('.', '/') != member) continue;
            var target = Path.Combine(scratch, spec.ExecutableName);
            await entry.ExtractToFileAsync(target, overwrite: true, cancellationToken);
            return target;
        }
        throw new InvalidDataException($"{uri} has no {member}");
    }
}
