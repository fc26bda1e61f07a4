// MSBuild inline task (RoslynCodeTaskFactory): marks one symbol-version requirement of an ELF64 shared library
// weak. See LibTorchSharpGlibcxx.targets for why. ELF layout: System V ABI, "Symbol Versioning" (Elf64_Verneed,
// Elf64_Vernaux).
using System;
using System.IO;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

public sealed class WeakenGlibcxxRequirement : Task
{
    const uint ShtGnuVerneed = 0x6ffffffe;
    const ushort VerFlgWeak = 0x2;

    static readonly string[] LibStdCxxCandidates =
    {
        "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/lib/x86_64-linux-gnu/libstdc++.so.6",
        "/usr/lib64/libstdc++.so.6", "/lib64/libstdc++.so.6", "/usr/lib/libstdc++.so.6",
        "/usr/lib/aarch64-linux-gnu/libstdc++.so.6",
    };

    [Required] public string LibraryPath { get; set; } = "";
    [Required] public string VersionName { get; set; } = "";

    public override bool Execute()
    {
        if (SystemProvides(VersionName))
        {
            Log.LogMessage(MessageImportance.Low, "System libstdc++ provides {0}; {1} left as it is.", VersionName, LibraryPath);
            return true;
        }
        try
        {
            byte[] elf = File.ReadAllBytes(LibraryPath);
            int changed = MarkWeak(elf, VersionName);
            if (changed < 0)
            {
                Log.LogWarning("{0}: not an ELF64 little-endian library or no .gnu.version_r section; not patched.", LibraryPath);
                return true;
            }
            if (changed > 0)
            {
                string tmp = LibraryPath + ".patching";
                File.WriteAllBytes(tmp, elf);
                File.Delete(LibraryPath);
                File.Move(tmp, LibraryPath);
                Log.LogMessage(MessageImportance.High, "Marked {0} weak in {1} (the system libstdc++ lacks it).", VersionName, LibraryPath);
            }
            return true;
        }
        catch (IOException e)
        {
            Log.LogError("Could not patch {0}: {1}", LibraryPath, e.Message);
            return false;
        }
    }

    static bool SystemProvides(string versionName)
    {
        byte[] needle = Encoding.ASCII.GetBytes(versionName + "\0");
        foreach (string candidate in LibStdCxxCandidates)
        {
            if (!File.Exists(candidate)) continue;
            byte[] bytes = File.ReadAllBytes(candidate);
            return Contains(bytes, needle); // the first libstdc++ found is the one the loader uses on these systems
        }
        return false;
    }

    /// <summary>Sets VER_FLG_WEAK on every Vernaux entry named <paramref name="versionName"/>.
    /// Returns how many entries changed (0 when already weak or absent), or -1 when the file is not a usable ELF64.</summary>
    static int MarkWeak(byte[] elf, string versionName)
    {
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F') return -1;
        if (elf[4] != 2 || elf[5] != 1) return -1; // ELFCLASS64, ELFDATA2LSB
        ulong shoff = BitConverter.ToUInt64(elf, 0x28);
        int shentsize = BitConverter.ToUInt16(elf, 0x3A);
        int shnum = BitConverter.ToUInt16(elf, 0x3C);
        int changed = 0;
        bool found = false;
        for (int s = 0; s < shnum; s++)
        {
            long sh = checked((long)shoff + (long)s * shentsize);
            if (BitConverter.ToUInt32(elf, (int)sh + 4) != ShtGnuVerneed) continue;
            found = true;
            long offset = (long)BitConverter.ToUInt64(elf, (int)sh + 24);
            int link = (int)BitConverter.ToUInt32(elf, (int)sh + 40);
            int count = (int)BitConverter.ToUInt32(elf, (int)sh + 44);
            long strtab = (long)BitConverter.ToUInt64(elf, checked((int)((long)shoff + (long)link * shentsize + 24)));
            long need = offset;
            for (int n = 0; n < count; n++)
            {
                int vnCnt = BitConverter.ToUInt16(elf, (int)need + 2);
                long aux = need + BitConverter.ToUInt32(elf, (int)need + 8);
                for (int a = 0; a < vnCnt; a++)
                {
                    long nameOffset = strtab + BitConverter.ToUInt32(elf, (int)aux + 8);
                    if (ReadCString(elf, nameOffset) == versionName)
                    {
                        ushort flags = BitConverter.ToUInt16(elf, (int)aux + 4);
                        if ((flags & VerFlgWeak) == 0)
                        {
                            ushort weak = (ushort)(flags | VerFlgWeak);
                            elf[(int)aux + 4] = (byte)(weak & 0xff);
                            elf[(int)aux + 5] = (byte)(weak >> 8);
                            changed++;
                        }
                    }
                    uint next = BitConverter.ToUInt32(elf, (int)aux + 12);
                    if (next == 0) break;
                    aux += next;
                }
                uint vnNext = BitConverter.ToUInt32(elf, (int)need + 12);
                if (vnNext == 0) break;
                need += vnNext;
            }
        }
        return found ? changed : -1;
    }

    // The task compiles against netstandard2.0 (RoslynCodeTaskFactory): no span search, so a plain scan.
    static bool Contains(byte[] haystack, byte[] needle)
    {
        for (int i = 0; i + needle.Length <= haystack.Length; i++)
        {
            if (haystack[i] != needle[0]) continue;
            int j = 1;
            while (j < needle.Length && haystack[i + j] == needle[j]) j++;
            if (j == needle.Length) return true;
        }
        return false;
    }

    static string ReadCString(byte[] bytes, long offset)
    {
        int end = (int)offset;
        while (end < bytes.Length && bytes[end] != 0) end++;
        return Encoding.ASCII.GetString(bytes, (int)offset, end - (int)offset);
    }
}
