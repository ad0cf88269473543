using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace GitOps.Build.Sharding;

/// <summary>
/// A hash of a unit id that every job of a CI matrix computes alike. string.GetHashCode is
/// randomised per process, so two shards would disagree on it: SHA-256 of the UTF-8 bytes instead.
/// </summary>
public static class StableHash
{
    public static ulong Of(string text) =>
        BinaryPrimitives.ReadUInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
