using InstanceSaliency.Imaging.Geometry;

namespace InstanceSaliency.Imaging.Tests;

/// <summary>Geometries with rotated, anisotropic, optionally left-handed affines for tests.</summary>
static class TestGeometry
{
    public static ImageGeometry Rotated(GridShape shape, bool flipped)
    {
        double a = 0.3, b = -0.2;
        double[,] r =
        {
            { Math.Cos(a), -Math.Sin(a) * Math.Cos(b), Math.Sin(a) * Math.Sin(b) },
            { Math.Sin(a), Math.Cos(a) * Math.Cos(b), -Math.Cos(a) * Math.Sin(b) },
            { 0, Math.Sin(b), Math.Cos(b) },
        };
        double[] zooms = [0.8, 1.2, flipped ? -2.5 : 2.5];
        var m = new double[16];
        for (int row = 0; row < 3; row++)
            for (int col = 0; col < 3; col++)
                m[row * 4 + col] = r[row, col] * zooms[col];
        m[3] = 12.5; m[7] = -30.25; m[11] = 8; m[15] = 1;
        return ImageGeometry.FromAffine(shape, Affine.FromRowMajor(m));
    }
}
