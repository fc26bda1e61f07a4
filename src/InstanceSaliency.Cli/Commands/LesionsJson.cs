using System.Text.Json.Serialization;
using InstanceSaliency.Lesions;

namespace InstanceSaliency.Cli.Commands;

/// <summary>The JSON document of `ies lesions --json`, exactly the contract's keys.</summary>
sealed record LesionsJson(
    int Count,
    IReadOnlyList<LesionsJson.Lesion> Lesions,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<LesionsJson.Lesion>? Missed,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] SegmentationMetrics? Metrics)
{
    public sealed record Lesion(
        int Id,
        int Voxels,
        double VolumeMm3,
        double[] CentroidVox,
        double[] CentroidMm,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Type);

    public static LesionsJson From(LesionReport report)
    {
        Lesion Map(LesionInstance l) => new(
            l.Id, l.VoxelCount, l.VolumeMm3,
            [l.CentroidVoxel.I, l.CentroidVoxel.J, l.CentroidVoxel.K],
            [l.CentroidMm.X, l.CentroidMm.Y, l.CentroidMm.Z],
            report.HasTruth ? l.Type.ToContractName() : null);
        return new LesionsJson(
            report.Count,
            report.Lesions.Select(Map).ToList(),
            report.HasTruth ? report.Missed.Select(Map).ToList() : null,
            report.Metrics);
    }
}
