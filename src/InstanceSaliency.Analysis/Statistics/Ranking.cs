namespace InstanceSaliency.Analysis.Statistics;

/// <summary>Average ranks ("midranks", scipy.stats.rankdata method="average") and the tie term of rank tests.</summary>
static class Ranking
{
    /// <summary>Ranks 1..n of <paramref name="values"/> in their order; tied values share the mean of their ranks.</summary>
    public static double[] AverageRanks(IReadOnlyList<double> values)
    {
        int n = values.Count;
        var order = Enumerable.Range(0, n).ToArray();
        Array.Sort(order, (a, b) => values[a].CompareTo(values[b]));
        var ranks = new double[n];
        for (int start = 0; start < n;)
        {
            int end = start + 1;
            while (end < n && values[order[end]] == values[order[start]]) end++;
            double mean = (start + 1 + end) / 2.0; // ranks start+1 .. end
            for (int i = start; i < end; i++) ranks[order[i]] = mean;
            start = end;
        }
        return ranks;
    }

    /// <summary>Σ (t³ − t) over groups of t tied values (0 without ties).</summary>
    public static double TieTerm(IReadOnlyList<double> values)
    {
        var sorted = values.ToArray();
        Array.Sort(sorted);
        double sum = 0;
        for (int start = 0; start < sorted.Length;)
        {
            int end = start + 1;
            while (end < sorted.Length && sorted[end] == sorted[start]) end++;
            double t = end - start;
            sum += t * t * t - t;
            start = end;
        }
        return sum;
    }
}
