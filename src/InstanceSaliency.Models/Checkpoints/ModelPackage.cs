using System.IO.Compression;
using InstanceSaliency.Imaging;
using InstanceSaliency.Models.Networks;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace InstanceSaliency.Models.Checkpoints;

/// <summary>
/// The project's own model file (<c>.iesm</c>): a zip archive of two entries, <c>model.json</c> (the sidecar
/// schema of cli-contract.md) and <c>state_dict.pt</c> (the weights as a PyTorch zip state_dict with MONAI
/// keys, so <c>torch.load</c> reads it in Python). One file instead of a pair, nothing else.
/// </summary>
public static class ModelPackage
{
    /// <summary>File extension of the project's own format.</summary>
    public const string Extension = ".iesm";

    const string DescriptionEntry = "model.json", WeightsEntry = "state_dict.pt";

    /// <summary>Writes <paramref name="network"/> with <paramref name="description"/> to <paramref name="path"/> atomically.</summary>
    public static void Save(MonaiUNet network, ModelDescription description, string path)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(description);
        using var weights = new MemoryStream();
        network.save_py(weights, leaveOpen: true);
        Write(path, description, weights);
    }

    internal static SegmentationModel Load(string path, Device device)
    {
        ZipArchive archive;
        try { archive = ZipFile.OpenRead(path); }
        catch (InvalidDataException e) { throw new InvalidInputException($"{path}: not a {Extension} model (not a zip archive: {e.Message}).", e); }
        using (archive)
        {
            var descriptionEntry = archive.GetEntry(DescriptionEntry)
                ?? throw new InvalidInputException($"{path}: not a {Extension} model (no {DescriptionEntry} inside).");
            var weightsEntry = archive.GetEntry(WeightsEntry)
                ?? throw new InvalidInputException($"{path}: not a {Extension} model (no {WeightsEntry} inside).");
            string json;
            using (var reader = new StreamReader(descriptionEntry.Open())) json = reader.ReadToEnd();
            var description = ModelDescription.Parse(json, $"{path}!{DescriptionEntry}");
            using var weights = new MemoryStream();
            using (var entry = weightsEntry.Open()) entry.CopyTo(weights);
            weights.Position = 0;
            return ModelLoader.BuildUNet(description, weights, $"{path}!{WeightsEntry}", ModelFormat.Package, path, device);
        }
    }

    /// <summary>
    /// Writes a copy of the package <paramref name="source"/> to <paramref name="path"/> (atomically) with
    /// <paramref name="description"/> as its <c>model.json</c>; the weights entry is copied byte for byte.
    /// </summary>
    public static void Rewrite(string source, ModelDescription description, string path)
    {
        ArgumentNullException.ThrowIfNull(description);
        using var weights = new MemoryStream();
        using (var archive = ZipFile.OpenRead(source))
        using (var entry = (archive.GetEntry(WeightsEntry) ?? throw new InvalidInputException($"{source}: not a {Extension} model (no {WeightsEntry} inside).")).Open())
            entry.CopyTo(weights);
        Write(path, description, weights);
    }

    /// <summary>
    /// The entries' modification time: fixed, so the same description and weights give the same bytes (`ies train fp-filter`
    /// with the same inputs and seed); zip would otherwise stamp the time of writing.
    /// </summary>
    static readonly DateTimeOffset EntryTime = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    static void Write(string path, ModelDescription description, MemoryStream weights) => AtomicFile.Write(path, stream =>
    {
        using var archive = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
        var descriptionEntry = archive.CreateEntry(DescriptionEntry);
        descriptionEntry.LastWriteTime = EntryTime;
        using (var writer = new StreamWriter(descriptionEntry.Open()))
            writer.Write(description.ToJson());
        var weightsEntry = archive.CreateEntry(WeightsEntry, CompressionLevel.NoCompression);
        weightsEntry.LastWriteTime = EntryTime;
        using var entry = weightsEntry.Open();
        weights.Position = 0;
        weights.CopyTo(entry);
    });
}
