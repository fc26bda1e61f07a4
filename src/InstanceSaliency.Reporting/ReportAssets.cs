using InstanceSaliency.Imaging;

namespace InstanceSaliency.Reporting;

/// <summary>
/// The report's static files (NiiVue with its licence and provenance, report.js, report.css), embedded in this
/// assembly from Assets/ and copied under the report's assets/ folder.
/// </summary>
public static class ReportAssets
{
    const string Prefix = "Assets/";

    /// <summary>Copies every embedded asset to <paramref name="assetsFolder"/>, keeping its relative path; returns the relative paths.</summary>
    public static IReadOnlyList<string> CopyTo(string assetsFolder)
    {
        var assembly = typeof(ReportAssets).Assembly;
        var names = assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        if (!names.Contains(Prefix + "niivue/niivue.umd.js"))
            throw new InvalidOperationException("The report's assets are not embedded in InstanceSaliency.Reporting (Assets/niivue/niivue.umd.js missing).");
        foreach (string name in names)
        {
            string relative = name[Prefix.Length..].Replace('\\', '/');
            string target = Path.Combine(assetsFolder, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            using var source = assembly.GetManifestResourceStream(name)!;
            AtomicFile.Write(target, stream => source.CopyTo(stream));
        }
        return names.Select(n => n[Prefix.Length..]).ToList();
    }
}
