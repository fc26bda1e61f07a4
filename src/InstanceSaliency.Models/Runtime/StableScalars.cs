using TorchSharp;

namespace InstanceSaliency.Models.Runtime;

/// <summary>
/// Long-lived Scalars for hot tensor loops. TorchSharp turns numbers into Scalar objects implicitly (e.g. the
/// alpha = 1 of <c>a + b</c> and <c>add_</c>) and leaves them to the finaliser, which can free one while the native
/// call still reads it: a use-after-free that surfaced as "Expected false to be true … toFloat/toDouble" after
/// minutes of explaining. Passing these instead keeps every Scalar alive for the whole process.
/// </summary>
public static class StableScalars
{
    /// <summary>The alpha of a plain addition.</summary>
    public static readonly Scalar One = 1.0.ToScalar();
}
