using InstanceSaliency.Pipeline.Cohorts;
using InstanceSaliency.Imaging;

namespace InstanceSaliency.Pipeline.Tests.Cohorts;

public sealed class ShardTests
{
    [Fact]
    public void Every_task_is_in_exactly_one_shard()
    {
        foreach (int tasks in new[] { 0, 1, 2, 5, 12, 13 })
            for (int count = 1; count <= 7; count++)
            {
                var all = Enumerable.Range(0, tasks).ToList();
                var seen = Enumerable.Range(0, count).SelectMany(i => new Shard(i, count).Select(all)).ToList();
                Assert.Equal(all, seen.Order());
                var sizes = Enumerable.Range(0, count).Select(i => new Shard(i, count).Select(all).Count()).ToList();
                Assert.True(sizes.Max() - sizes.Min() <= 1, $"{tasks} tasks in {count} shards: sizes {string.Join(",", sizes)}");
            }
        Assert.Equal([1, 4, 7], new Shard(1, 3).Select(Enumerable.Range(0, 9).ToList()));
    }

    [Theory]
    [InlineData("0/1", 0, 1)]
    [InlineData("3/4", 3, 4)]
    public void Parses_zero_based_i_of_n(string text, int index, int count) => Assert.Equal(new Shard(index, count), Shard.Parse(text, _ => null));

    [Theory]
    [InlineData("4/4")]
    [InlineData("1/0")]
    [InlineData("-1/3")]
    [InlineData("1")]
    [InlineData("a/b")]
    public void Refuses_other_shard_texts(string text) =>
        Assert.Contains("--shard", Assert.Throws<InvalidInputException>(() => Shard.Parse(text, _ => null)).Message);

    [Fact]
    public void Env_reads_slurm_arrays_of_any_base_and_step_and_kubernetes_indices()
    {
        Assert.Equal(new Shard(2, 4), Shard.Parse("env", Env(("SLURM_ARRAY_TASK_ID", "2"), ("SLURM_ARRAY_TASK_MIN", "0"), ("SLURM_ARRAY_TASK_COUNT", "4"))));
        Assert.Equal(new Shard(0, 3), Shard.Parse("env", Env(("SLURM_ARRAY_TASK_ID", "1"), ("SLURM_ARRAY_TASK_MIN", "1"), ("SLURM_ARRAY_TASK_COUNT", "3"))));
        Assert.Equal(new Shard(2, 3), Shard.Parse("env", Env(("SLURM_ARRAY_TASK_ID", "4"), ("SLURM_ARRAY_TASK_MIN", "0"), ("SLURM_ARRAY_TASK_STEP", "2"), ("SLURM_ARRAY_TASK_COUNT", "3"))));
        Assert.Equal(new Shard(5, 6), Shard.Parse("env", Env(("JOB_COMPLETION_INDEX", "5"), (Shard.CountVariable, "6"))));
    }

    [Fact]
    public void Env_without_a_scheduler_or_out_of_range_is_refused()
    {
        Assert.Contains("neither SLURM_ARRAY_TASK_ID", Assert.Throws<InvalidInputException>(() => Shard.Parse("env", _ => null)).Message);
        Assert.Contains(Shard.CountVariable, Assert.Throws<InvalidInputException>(() => Shard.Parse("env", Env(("JOB_COMPLETION_INDEX", "1")))).Message);
        Assert.Contains("outside 0…2", Assert.Throws<InvalidInputException>(() => Shard.Parse("env", Env(("JOB_COMPLETION_INDEX", "3"), (Shard.CountVariable, "3")))).Message);
    }

    static Func<string, string?> Env(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;
}
