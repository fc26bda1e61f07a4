using System.Security.Cryptography;

namespace InstanceSaliency.Imaging;

/// <summary>File identities recorded in run.json, cohort plans and completion markers.</summary>
public static class FileHash
{
    /// <summary>SHA-256 of the file's bytes, lower-case hex.</summary>
    public static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
