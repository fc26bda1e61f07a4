using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace InstanceSaliency.Pipeline.Cohorts;

/// <summary>
/// Writes a JSON tree as block-style YAML (YAML 1.2 is a superset of JSON, so every scalar is written in its JSON
/// form: strings double-quoted with JSON escapes, numbers and booleans plain). Keys must be plain words.
/// </summary>
public static class YamlText
{
    public static string Write(JsonObject root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var text = new StringBuilder();
        Object(text, root, 0);
        return text.ToString();
    }

    static void Object(StringBuilder text, JsonObject node, int indent, bool firstInline = false)
    {
        bool first = true;
        foreach (var (key, value) in node)
        {
            if (!(first && firstInline)) text.Append(' ', indent);
            first = false;
            text.Append(key).Append(':');
            Value(text, value, indent);
        }
    }

    static void Value(StringBuilder text, JsonNode? value, int indent)
    {
        switch (value)
        {
            case JsonObject o when o.Count > 0:
                text.Append('\n');
                Object(text, o, indent + 2);
                break;
            case JsonArray a when a.Count > 0:
                text.Append('\n');
                foreach (var item in a)
                {
                    text.Append(' ', indent).Append("- ");
                    if (item is JsonObject inner && inner.Count > 0) Object(text, inner, indent + 2, firstInline: true);
                    else text.Append(Scalar(item)).Append('\n');
                }
                break;
            case JsonObject: text.Append(" {}\n"); break;
            case JsonArray: text.Append(" []\n"); break;
            default: text.Append(' ').Append(Scalar(value)).Append('\n'); break;
        }
    }

    static string Scalar(JsonNode? value) => value is null ? "null" : value.GetValueKind() switch
    {
        JsonValueKind.String => JsonSerializer.Serialize(value.GetValue<string>()),
        _ => value.ToJsonString(),
    };
}
