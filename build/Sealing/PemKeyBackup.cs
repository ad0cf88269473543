using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Parameters;

namespace GitOps.Build.Sealing;

/// <summary>
/// A key backup kept as plain PEM: private keys (PKCS#1 or PKCS#8), optionally with certificates.
/// Each key is paired with the certificate holding its modulus; certificates are optional here, but
/// a key that matches none of the certificates present is reported.
/// </summary>
internal static class PemKeyBackup
{
    public static KeyBackup Parse(string text, string source)
    {
        var keys = new List<(RsaPrivateCrtKeyParameters Key, int Line)>();
        var certificates = new List<SealingCertificate>();
        var problems = new List<string>();

        int offset = 0, keyNumber = 0;
        while (PemEncoding.TryFind(text.AsSpan(offset), out var fields))
        {
            var (start, length) = fields.Location.GetOffsetAndLength(text.Length - offset);
            var (labelStart, labelLength) = fields.Label.GetOffsetAndLength(text.Length - offset);
            var block = text.Substring(offset + start, length);
            var label = text.Substring(offset + labelStart, labelLength);
            int line = LineAt(text, offset + start);
            switch (label)
            {
                case "RSA PRIVATE KEY":
                case "PRIVATE KEY":
                case "ENCRYPTED PRIVATE KEY":
                    keyNumber++;
                    try { keys.Add((PrivateKeyPem.Read(block), line)); }
                    catch (SealingException e) { problems.Add($"{source}:{line}: key #{keyNumber} {e.Message}"); }
                    break;
                case "CERTIFICATE":
                    try { certificates.Add(SealingCertificates.Parse(block, $"{source}:{line}")); }
                    catch (SealingException e) { problems.Add(e.Message); }
                    break;
            }
            offset += start + length;
        }

        var result = new List<SealingKey>();
        for (int i = 0; i < keys.Count; i++)
        {
            var (key, line) = keys[i];
            var certificate = certificates.FirstOrDefault(c => c.Matches(key));
            if (certificate is null && certificates.Count > 0)
                problems.Add($"{source}:{line}: key #{i + 1} matches none of the {certificates.Count} certificate(s) in the file.");
            result.Add(new SealingKey($"{Path.GetFileName(source)} key #{i + 1}", null, null, key, certificate, source, line));
        }
        return new KeyBackup(source, result, problems);
    }

    private static int LineAt(string text, int index)
    {
        int line = 1;
        for (int i = 0; i < index; i++) if (text[i] == '\n') line++;
        return line;
    }
}
