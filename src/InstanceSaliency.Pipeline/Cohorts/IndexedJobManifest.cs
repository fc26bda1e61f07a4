using System.Text.Json.Nodes;

namespace InstanceSaliency.Pipeline.Cohorts;

/// <summary>
/// The Kubernetes Job of `ies cohort k8s`: <c>completionMode: Indexed</c> with one completion per shard, each pod
/// running <c>ies cohort run DERIVATIVES --shard env</c> (the shard is JOB_COMPLETION_INDEX of
/// <see cref="Shard.CountVariable"/>, set here). The data are a PersistentVolumeClaim mounted at the same path as
/// here, so the plan's absolute paths hold inside the pod. The container image must hold the tool as
/// <see cref="Settings.Ies"/>.
/// </summary>
public static class IndexedJobManifest
{
    public sealed record Settings(int Shards, string Image, string Claim, string MountPath, string Ies = "ies", int? Parallelism = null,
        int Cpus = SlurmArrayScript.DefaultCpusPerTask, string Memory = "4Gi", int BackoffLimit = 3, string Name = "ies-cohort");

    /// <summary>The manifest as a JSON tree (render with <see cref="YamlText"/> or as JSON; both are valid for kubectl).</summary>
    public static JsonObject Build(string derivatives, Settings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Shards < 1) throw new ArgumentOutOfRangeException(nameof(settings), "Shards must be ≥ 1.");
        string cpus = settings.Cpus.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new JsonObject
        {
            ["apiVersion"] = "batch/v1",
            ["kind"] = "Job",
            ["metadata"] = new JsonObject { ["name"] = settings.Name },
            ["spec"] = new JsonObject
            {
                ["completionMode"] = "Indexed",
                ["completions"] = settings.Shards,
                ["parallelism"] = settings.Parallelism ?? settings.Shards,
                ["backoffLimit"] = settings.BackoffLimit,
                ["template"] = new JsonObject
                {
                    ["spec"] = new JsonObject
                    {
                        ["restartPolicy"] = "Never",
                        ["containers"] = new JsonArray(new JsonObject
                        {
                            ["name"] = "ies",
                            ["image"] = settings.Image,
                            ["command"] = new JsonArray(settings.Ies, "cohort", "run", derivatives, "--shard", "env"),
                            ["env"] = new JsonArray(
                                new JsonObject { ["name"] = Shard.CountVariable, ["value"] = settings.Shards.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                                new JsonObject { ["name"] = "OMP_NUM_THREADS", ["value"] = cpus }),
                            ["resources"] = new JsonObject
                            {
                                ["requests"] = new JsonObject { ["cpu"] = cpus, ["memory"] = settings.Memory },
                                ["limits"] = new JsonObject { ["memory"] = settings.Memory },
                            },
                            ["volumeMounts"] = new JsonArray(new JsonObject { ["name"] = "data", ["mountPath"] = settings.MountPath }),
                        }),
                        ["volumes"] = new JsonArray(new JsonObject
                        {
                            ["name"] = "data",
                            ["persistentVolumeClaim"] = new JsonObject { ["claimName"] = settings.Claim },
                        }),
                    },
                },
            },
        };
    }

    /// <summary>The deepest folder holding the derivatives folder and every input of the plan: what the pods must mount.</summary>
    public static string CommonFolder(CohortPlan plan, string derivatives)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var paths = plan.Tasks.SelectMany(t => t.Inputs).Select(p => Path.GetDirectoryName(p)!).Append(derivatives).Distinct().ToList();
        var common = paths[0].Split('/');
        int length = common.Length;
        foreach (string path in paths.Skip(1))
        {
            var parts = path.Split('/');
            int n = 0;
            while (n < length && n < parts.Length && parts[n] == common[n]) n++;
            length = n;
        }
        string folder = string.Join('/', common.Take(length));
        return folder.Length == 0 ? "/" : folder;
    }
}
