using System.Text.Json.Nodes;
using InstanceSaliency.Pipeline.Cohorts;

namespace InstanceSaliency.Pipeline.Tests.Cohorts;

public sealed class SchedulerTextTests
{
    [Fact]
    public void Sbatch_script_is_an_array_of_one_task_per_shard_running_the_env_shard()
    {
        string text = SlurmArrayScript.Text("/data/bids/derivatives/instancesaliency", new SlurmArrayScript.Settings(5, "/opt/it's/ies", CpusPerTask: 3, Memory: "6G", Time: "1-00:00:00",
            MaxRunning: 2));
        var lines = text.Split('\n');
        Assert.Equal("#!/bin/bash", lines[0]);
        Assert.Contains("#SBATCH --array=0-4%2", lines);
        Assert.Contains("#SBATCH --cpus-per-task=3", lines);
        Assert.Contains("#SBATCH --mem=6G", lines);
        Assert.Contains("#SBATCH --time=1-00:00:00", lines);
        Assert.Contains("#SBATCH --output=/data/bids/derivatives/instancesaliency/logs/slurm-%A_%a.out", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("#SBATCH --partition"));
        Assert.Equal("exec '/opt/it'\\''s/ies' cohort run '/data/bids/derivatives/instancesaliency' --shard env", lines[^2]);
        // Every #SBATCH line comes before the first command, as sbatch requires.
        int firstCommand = Array.FindIndex(lines, l => l.Length > 0 && !l.StartsWith('#'));
        Assert.True(Array.FindLastIndex(lines, l => l.StartsWith("#SBATCH")) < firstCommand);
    }

    [Fact]
    public void Indexed_job_has_one_completion_per_shard_and_runs_the_env_shard()
    {
        var job = IndexedJobManifest.Build("/data/bids/derivatives/instancesaliency", new IndexedJobManifest.Settings(4, "registry/ies:1", "cohort-data", "/data", Parallelism: 2));
        var spec = job["spec"]!;
        Assert.Equal("batch/v1", (string)job["apiVersion"]!);
        Assert.Equal("Job", (string)job["kind"]!);
        Assert.Equal("Indexed", (string)spec["completionMode"]!);
        Assert.Equal(4, (int)spec["completions"]!);
        Assert.Equal(2, (int)spec["parallelism"]!);
        var container = spec["template"]!["spec"]!["containers"]![0]!;
        Assert.Equal(["ies", "cohort", "run", "/data/bids/derivatives/instancesaliency", "--shard", "env"], container["command"]!.AsArray().Select(n => (string)n!));
        Assert.Contains(container["env"]!.AsArray(), e => (string)e!["name"]! == Shard.CountVariable && (string)e["value"]! == "4");
        Assert.Equal("/data", (string)container["volumeMounts"]![0]!["mountPath"]!);
        Assert.Equal("cohort-data", (string)spec["template"]!["spec"]!["volumes"]![0]!["persistentVolumeClaim"]!["claimName"]!);
        Assert.Equal("Never", (string)spec["template"]!["spec"]!["restartPolicy"]!);
    }

    [Fact]
    public void Yaml_text_nests_maps_and_lists_by_indentation()
    {
        var job = IndexedJobManifest.Build("/d", new IndexedJobManifest.Settings(3, "img", "claim", "/"));
        var yaml = YamlText.Write(job).Split('\n');
        Assert.Equal("apiVersion: \"batch/v1\"", yaml[0]);
        Assert.Contains("spec:", yaml);
        Assert.Contains("  completionMode: \"Indexed\"", yaml);
        Assert.Contains("  completions: 3", yaml);
        Assert.Contains("      containers:", yaml);
        Assert.Contains("      - name: \"ies\"", yaml);
        Assert.Contains("        command:", yaml);
        Assert.Contains("        - \"--shard\"", yaml);
        Assert.Contains("        - name: \"IES_SHARD_COUNT\"", yaml);
        Assert.Contains("          value: \"3\"", yaml);
        Assert.Equal(YamlTree(yaml), job.ToJsonString());
    }

    /// <summary>A reader for exactly the YAML subset <see cref="YamlText"/> writes (block maps, block lists, JSON scalars), back to JSON.</summary>
    static string YamlTree(string[] lines)
    {
        int n = 0;
        JsonNode Block(int indent)
        {
            if (lines[n].TrimStart().StartsWith("- ", StringComparison.Ordinal))
            {
                var list = new JsonArray();
                while (n < lines.Length && lines[n].Length > indent && lines[n][indent] == '-' && Indent(lines[n]) == indent)
                {
                    string item = lines[n][(indent + 2)..];
                    if (item.StartsWith('"') || !item.Contains(": ") && !item.EndsWith(':')) { list.Add(JsonNode.Parse(item)); n++; }
                    else { lines[n] = new string(' ', indent + 2) + item; list.Add(Map(indent + 2)); }
                }
                return list;
            }
            return Map(indent);
        }
        JsonObject Map(int indent)
        {
            var map = new JsonObject();
            while (n < lines.Length && lines[n].Length > 0 && Indent(lines[n]) == indent && lines[n][indent] != '-')
            {
                string line = lines[n++].Trim();
                int colon = line.IndexOf(':');
                string key = line[..colon], rest = line[(colon + 1)..].Trim();
                map[key] = rest.Length > 0 ? JsonNode.Parse(rest) : Block(Indent(lines[n]));
            }
            return map;
        }
        static int Indent(string line) => line.Length - line.TrimStart().Length;
        return Map(0).ToJsonString();
    }
}
