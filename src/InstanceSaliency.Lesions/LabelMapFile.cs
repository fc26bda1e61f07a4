using InstanceSaliency.Imaging.Nifti;
using InstanceSaliency.Imaging.Volumes;

namespace InstanceSaliency.Lesions;

/// <summary>Writes label maps in the narrowest voxel type that holds their ids (cli-contract.md: uint8, int16 or int32).</summary>
public static class LabelMapFile
{
    /// <summary>Writes <paramref name="labels"/> as <paramref name="type"/>, keeping its geometry and the template's other header fields.</summary>
    public static void Write(Volume<int> labels, LabelVoxelType type, string path, NiftiHeader? template = null)
    {
        ArgumentNullException.ThrowIfNull(labels);
        switch (type)
        {
            case LabelVoxelType.UInt8: NiftiFile.Write(labels.Map(v => checked((byte)v)), path, template); break;
            case LabelVoxelType.Int16: NiftiFile.Write(labels.Map(v => checked((short)v)), path, template); break;
            default: NiftiFile.Write(labels, path, template); break;
        }
    }
}
