using System.Globalization;
using InstanceSaliency.Imaging;

namespace InstanceSaliency.Pipeline.Cohorts;

/// <summary>
/// Shard <see cref="Index"/> of <see cref="Count"/> (0-based, as Slurm's SLURM_ARRAY_TASK_ID of <c>--array=0-(n-1)</c>
/// and Kubernetes' JOB_COMPLETION_INDEX are): the plan's tasks Index, Index + Count, Index + 2·Count, … Every task
/// is in exactly one shard.
/// </summary>
public sealed record Shard(int Index, int Count)
{
    /// <summary>The whole plan.</summary>
    public static Shard All { get; } = new(0, 1);

    /// <summary>Environment variable giving the shard count to <c>--shard env</c> where the scheduler does not (Kubernetes).</summary>
    public const string CountVariable = "IES_SHARD_COUNT";

    /// <summary>The tasks of this shard, in plan order.</summary>
    public IEnumerable<T> Select<T>(IReadOnlyList<T> tasks)
    {
        for (int n = Index; n < tasks.Count; n += Count) yield return tasks[n];
    }

    public override string ToString() => $"{Index}/{Count}";

    /// <summary>Parses "i/n" (0 ≤ i &lt; n), or "env" (see <see cref="FromEnvironment"/>).</summary>
    public static Shard Parse(string text, Func<string, string?> environment)
    {
        if (text == "env") return FromEnvironment(environment);
        var parts = text.Split('/');
        if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int i)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int n) || n < 1 || i >= n)
            throw new InvalidInputException($"--shard: \"{text}\" is not i/n with 0 ≤ i < n (0-based, e.g. 0/4 … 3/4), or env.");
        return new Shard(i, n);
    }

    /// <summary>
    /// The shard a scheduler gives: Slurm's array (index SLURM_ARRAY_TASK_ID − SLURM_ARRAY_TASK_MIN, divided by
    /// SLURM_ARRAY_TASK_STEP, so 0- and 1-based arrays both work; count SLURM_ARRAY_TASK_COUNT), else a
    /// Kubernetes Indexed Job (JOB_COMPLETION_INDEX, count <see cref="CountVariable"/>).
    /// </summary>
    public static Shard FromEnvironment(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        int? Number(string name)
        {
            string? value = environment(name);
            if (value is null) return null;
            return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int n) ? n
                : throw new InvalidInputException($"--shard env: {name}=\"{value}\" is not a whole number ≥ 0.");
        }
        if (Number("SLURM_ARRAY_TASK_ID") is int id)
        {
            int count = Number("SLURM_ARRAY_TASK_COUNT") ?? throw new InvalidInputException("--shard env: SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_COUNT is not.");
            int step = Math.Max(1, Number("SLURM_ARRAY_TASK_STEP") ?? 1);
            int index = (id - (Number("SLURM_ARRAY_TASK_MIN") ?? 0)) / step;
            return Checked(index, count, $"SLURM_ARRAY_TASK_ID={id}");
        }
        if (Number("JOB_COMPLETION_INDEX") is int k8s)
        {
            int count = Number(CountVariable) ?? throw new InvalidInputException($"--shard env: JOB_COMPLETION_INDEX is set but {CountVariable} (the Job's completions) is not.");
            return Checked(k8s, count, $"JOB_COMPLETION_INDEX={k8s}");
        }
        throw new InvalidInputException("--shard env: neither SLURM_ARRAY_TASK_ID (a Slurm array job) nor JOB_COMPLETION_INDEX (a Kubernetes Indexed Job) is set; give --shard i/n.");
    }

    static Shard Checked(int index, int count, string source) =>
        count >= 1 && index >= 0 && index < count ? new Shard(index, count)
            : throw new InvalidInputException($"--shard env: {source} gives shard {index} of {count}, outside 0…{count - 1}.");
}
