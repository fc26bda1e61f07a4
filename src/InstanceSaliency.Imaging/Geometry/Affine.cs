namespace InstanceSaliency.Imaging.Geometry;

/// <summary>
/// An immutable, checked 4×4 voxel-to-world matrix in millimetres (world = A · [i, j, k, 1]ᵀ, RAS+ as NIfTI
/// defines it). The bottom row is always 0 0 0 1 and every entry is finite (nibabel copies affines the same way).
/// </summary>
public sealed class Affine : IEquatable<Affine>
{
    readonly double[] _m; // row-major, 16 entries

    /// <summary>Builds an affine from 16 row-major entries or a 4×4 array; fails on non-finite entries or a wrong bottom row.</summary>
    public Affine(double[,] rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.GetLength(0) != 4 || rows.GetLength(1) != 4)
            throw new ArgumentException($"An affine is 4×4; got {rows.GetLength(0)}×{rows.GetLength(1)}.", nameof(rows));
        _m = new double[16];
        for (int r = 0; r < 4; r++)
            for (int c = 0; c < 4; c++)
                _m[r * 4 + c] = rows[r, c];
        Validate();
    }

    Affine(double[] rowMajor)
    {
        _m = rowMajor;
        Validate();
    }

    /// <summary>The affine of the identity mapping (1 mm voxels at the origin).</summary>
    public static Affine Identity { get; } = Diagonal(1, 1, 1);

    /// <summary>A diagonal scaling with zero offset.</summary>
    public static Affine Diagonal(double sx, double sy, double sz) =>
        FromRowMajor([sx, 0, 0, 0, 0, sy, 0, 0, 0, 0, sz, 0, 0, 0, 0, 1]);

    /// <summary>Builds an affine from 16 row-major entries.</summary>
    public static Affine FromRowMajor(ReadOnlySpan<double> entries)
    {
        if (entries.Length != 16)
            throw new ArgumentException($"An affine has 16 entries; got {entries.Length}.", nameof(entries));
        return new Affine(entries.ToArray());
    }

    /// <summary>Entry at row <paramref name="row"/>, column <paramref name="column"/> (both 0..3).</summary>
    public double this[int row, int column] => _m[row * 4 + column];

    /// <summary>A copy of the 16 entries, row-major.</summary>
    public double[] ToRowMajor() => (double[])_m.Clone();

    /// <summary>Rows as nested arrays (for JSON).</summary>
    public double[][] ToRows() => Enumerable.Range(0, 4).Select(r => _m.AsSpan(r * 4, 4).ToArray()).ToArray();

    /// <summary>World coordinates (mm) of the voxel index (i, j, k); indices may be fractional.</summary>
    public (double X, double Y, double Z) Apply(double i, double j, double k) => (
        _m[0] * i + _m[1] * j + _m[2] * k + _m[3],
        _m[4] * i + _m[5] * j + _m[6] * k + _m[7],
        _m[8] * i + _m[9] * j + _m[10] * k + _m[11]);

    /// <summary>Voxel sizes in mm along i, j, k: the norms of the first three columns.</summary>
    public (double I, double J, double K) VoxelSizes()
    {
        double Col(int c) => Math.Sqrt(_m[c] * _m[c] + _m[4 + c] * _m[4 + c] + _m[8 + c] * _m[8 + c]);
        return (Col(0), Col(1), Col(2));
    }

    /// <summary>
    /// The affine of a sub-grid whose voxel (0,0,0) is voxel (<paramref name="di"/>, <paramref name="dj"/>,
    /// <paramref name="dk"/>) of this grid: crops use positive offsets, pads negative ones.
    /// </summary>
    public Affine Shifted(int di, int dj, int dk)
    {
        var m = ToRowMajor();
        var (x, y, z) = Apply(di, dj, dk);
        m[3] = x; m[7] = y; m[11] = z;
        return new Affine(m);
    }

    /// <summary>The product this · other.</summary>
    public Affine Multiply(Affine other)
    {
        var r = new double[16];
        for (int i = 0; i < 4; i++)
            for (int j = 0; j < 4; j++)
            {
                double s = 0;
                for (int k = 0; k < 4; k++) s += _m[i * 4 + k] * other._m[k * 4 + j];
                r[i * 4 + j] = s;
            }
        r[12] = 0; r[13] = 0; r[14] = 0; r[15] = 1;
        return new Affine(r);
    }

    /// <summary>Largest absolute difference between corresponding entries.</summary>
    public double MaxAbsDifference(Affine other)
    {
        double d = 0;
        for (int i = 0; i < 16; i++) d = Math.Max(d, Math.Abs(_m[i] - other._m[i]));
        return d;
    }

    /// <summary>True when every entry differs by at most <paramref name="toleranceMm"/> (method.md §1 uses 1e-3 mm).</summary>
    public bool ApproximatelyEquals(Affine other, double toleranceMm = 1e-3) => MaxAbsDifference(other) <= toleranceMm;

    /// <summary>
    /// Anatomical orientation codes of the voxel axes, as nibabel's <c>aff2axcodes</c>: for each voxel axis the
    /// world axis it runs along most and the direction it points to ("R"/"L", "A"/"P", "S"/"I").
    /// </summary>
    public string Orientation() => AxisCodes.FromAffine(this);

    public bool Equals(Affine? other) => other is not null && _m.AsSpan().SequenceEqual(other._m);
    public override bool Equals(object? obj) => Equals(obj as Affine);
    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (double v in _m) h.Add(v);
        return h.ToHashCode();
    }

    public override string ToString() =>
        string.Join("; ", Enumerable.Range(0, 4).Select(r => string.Join(" ",
            _m.AsSpan(r * 4, 4).ToArray().Select(v => v.ToString("G6", System.Globalization.CultureInfo.InvariantCulture)))));

    void Validate()
    {
        foreach (double v in _m)
            if (!double.IsFinite(v))
                throw new ArgumentException($"Affine entries must be finite; got {this}.");
        if (_m[12] != 0 || _m[13] != 0 || _m[14] != 0 || _m[15] != 1)
            throw new ArgumentException($"An affine's bottom row must be 0 0 0 1; got {_m[12]} {_m[13]} {_m[14]} {_m[15]}.");
    }
}
