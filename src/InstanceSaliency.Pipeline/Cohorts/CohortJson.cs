using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace InstanceSaliency.Pipeline.Cohorts;

/// <summary>JSON conventions of the cohort files (plan, markers, status): snake_case keys, like run.json.</summary>
static class CohortJson
{
    public static readonly JsonSerializerOptions Indented = Create(indented: true);

    /// <summary>No whitespace: the form that is hashed.</summary>
    public static readonly JsonSerializerOptions Compact = Create(indented: false);

    static JsonSerializerOptions Create(bool indented) => new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = indented,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Reads <paramref name="path"/> as a <typeparamref name="T"/>; null when it is missing or not valid.</summary>
    public static T? TryRead<T>(string path) where T : class
    {
        try { return JsonSerializer.Deserialize<T>(File.ReadAllText(path), Indented); }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException or NotSupportedException) { return null; }
    }
}
