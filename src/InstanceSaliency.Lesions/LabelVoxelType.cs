namespace InstanceSaliency.Lesions;

/// <summary>The voxel types a label map may be written with (cli-contract.md: uint8, int16 or int32).</summary>
public enum LabelVoxelType
{
    /// <summary>Ids up to 255.</summary>
    UInt8,
    /// <summary>Ids up to 32767.</summary>
    Int16,
    /// <summary>Any id.</summary>
    Int32,
}
