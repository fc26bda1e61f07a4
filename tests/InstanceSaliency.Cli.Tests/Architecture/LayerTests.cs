using System.Reflection;
using System.Xml.Linq;
using InstanceSaliency.TestSupport;

namespace InstanceSaliency.Cli.Tests.Architecture;

/// <summary>
/// The layers of style.md, enforced: every project may depend only on the projects below it (Imaging → Lesions →
/// Models → Saliency; Lesions → Analysis → Reporting; Pipeline over all of them; Benchmarks over Pipeline; Cli on
/// top), checked twice — in the project files and in the compiled assemblies — and the plain-.NET projects
/// (Imaging, Lesions, Analysis, Reporting) never reference TorchSharp.
/// </summary>
public sealed class LayerTests
{
    /// <summary>Each project and the projects it may reference (directly or not).</summary>
    static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["Imaging"] = [],
        ["Lesions"] = ["Imaging"],
        ["Models"] = ["Lesions", "Imaging"],
        ["Saliency"] = ["Models", "Lesions", "Imaging"],
        ["Analysis"] = ["Lesions", "Imaging"],
        ["Reporting"] = ["Analysis", "Lesions", "Imaging"],
        ["Pipeline"] = ["Saliency", "Models", "Reporting", "Analysis", "Lesions", "Imaging"],
        ["Benchmarks"] = ["Pipeline", "Saliency", "Models", "Reporting", "Analysis", "Lesions", "Imaging"],
        ["Cli"] = ["Benchmarks", "Pipeline", "Saliency", "Models", "Reporting", "Analysis", "Lesions", "Imaging"],
    };

    static readonly string[] TorchFree = ["Imaging", "Lesions", "Analysis", "Reporting"];

    public static TheoryData<string> Projects() => new(Allowed.Keys);

    [Theory]
    [MemberData(nameof(Projects))]
    public void Project_files_reference_only_layers_below(string project)
    {
        string file = Path.Combine(RepositoryPaths.Root, "src", $"InstanceSaliency.{project}", $"InstanceSaliency.{project}.csproj");
        var references = XDocument.Load(file).Descendants("ProjectReference")
            .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value).Replace("InstanceSaliency.", "")).ToArray();
        foreach (string reference in references)
            Assert.True(Allowed[project].Contains(reference), $"{project} references {reference}, a layer above it or beside it (allowed: {string.Join(", ", Allowed[project])}).");
        var packages = XDocument.Load(file).Descendants("PackageReference").Select(r => r.Attribute("Include")!.Value).ToArray();
        if (TorchFree.Contains(project))
            Assert.DoesNotContain(packages, p => p.Contains("Torch", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void Assemblies_reference_only_layers_below(string project)
    {
        var assembly = Assembly.Load($"{(project == "Cli" ? "ies" : "InstanceSaliency." + project)}");
        var references = assembly.GetReferencedAssemblies().Select(a => a.Name!).ToArray();
        foreach (string reference in references.Where(r => r.StartsWith("InstanceSaliency.", StringComparison.Ordinal)))
        {
            string layer = reference["InstanceSaliency.".Length..];
            Assert.True(Allowed[project].Contains(layer), $"the {project} assembly uses {layer}, a layer above it or beside it.");
        }
        if (TorchFree.Contains(project))
            Assert.DoesNotContain(references, r => r.StartsWith("TorchSharp", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_source_project_is_covered()
    {
        var projects = Directory.GetDirectories(Path.Combine(RepositoryPaths.Root, "src"), "InstanceSaliency.*")
            .Select(d => Path.GetFileName(d)["InstanceSaliency.".Length..]).Order().ToArray();
        Assert.Equal(Allowed.Keys.Order().ToArray(), projects);
    }
}
