namespace InstanceSaliency.Imaging.Tests;

/// <summary>Bitwise voxel comparison that stays fast on whole scans and names the first differing voxel.</summary>
static class VoxelAssert
{
    /// <summary>Fails unless both arrays have the same length and the same bits at every index.</summary>
    public static void Identical(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        var e = System.Runtime.InteropServices.MemoryMarshal.Cast<float, int>(expected);
        var a = System.Runtime.InteropServices.MemoryMarshal.Cast<float, int>(actual);
        int first = e.CommonPrefixLength(a);
        Assert.True(first == e.Length, first == e.Length ? "" : $"voxel {first} differs: expected {expected[first]:R}, got {actual[first]:R}");
    }
}
