using InstanceSaliency.Analysis.Statistics;

namespace InstanceSaliency.Analysis.Pooling;

/// <summary>What `ies analyze` analysed and wrote (method.md §8): the pooled lesions, the analysed columns, the group
/// and pairwise tests (corrected as one family), the error identification (when run) and the figure files.</summary>
public sealed record AnalysisResult(LesionPool Cohort, IReadOnlyList<string> Analysed, IReadOnlyList<GroupTestRow> GroupTests,
    IReadOnlyList<PairwiseTestRow> PairwiseTests, TestFamily Family, ErrorIdentificationResult? Errors, IReadOnlyList<string> Figures);
