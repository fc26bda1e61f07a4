using System.CommandLine;
using System.Globalization;

namespace InstanceSaliency.Cli.Options;

/// <summary>
/// Value rules for options, checked at parse time so a violation is a usage error (exit 2) naming the option.
/// Values that do not even parse are left to the parser, which reports them itself.
/// </summary>
static class OptionRules
{
    /// <summary>Adds a rule to an integer option: <paramref name="allowed"/> must hold, else "<c>NAME must be RULE; got V.</c>".</summary>
    public static Option<int> Require(this Option<int> option, Func<int, bool> allowed, string rule)
    {
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count == 0) return; // the default applies
            if (!int.TryParse(result.Tokens[^1].Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value)) return;
            if (!allowed(value)) result.AddError($"{option.Name} must be {rule}; got {value}.");
        });
        return option;
    }

    /// <summary>Adds a rule to a floating-point option.</summary>
    public static Option<double> Require(this Option<double> option, Func<double, bool> allowed, string rule)
    {
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count == 0) return;
            if (!double.TryParse(result.Tokens[^1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)) return;
            if (!allowed(value)) result.AddError($"{option.Name} must be {rule}; got {value.ToString(CultureInfo.InvariantCulture)}.");
        });
        return option;
    }

    /// <summary>Restricts a text option to <paramref name="allowed"/> values, reported as "<c>NAME must be a, b or c; got v.</c>".</summary>
    public static Option<string> OneOf(this Option<string> option, params string[] allowed)
    {
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count == 0) return;
            string value = result.Tokens[^1].Value;
            if (!allowed.Contains(value))
                result.AddError($"{option.Name} must be {string.Join(", ", allowed[..^1])} or {allowed[^1]}; got {value}.");
        });
        return option;
    }
}
