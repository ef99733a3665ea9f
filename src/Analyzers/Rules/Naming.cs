using System.Text;

namespace Checkpoint.Analyzers.Rules;

/// <summary>Turns member names into keys: RunningMean → running_mean (snake) or runningMean (camel).</summary>
internal static class Naming
{
    public static string Apply(NamingPolicyKind policy, string name) => policy switch
    {
        NamingPolicyKind.SnakeCase => ToSnakeCase(name),
        NamingPolicyKind.CamelCase => ToCamelCase(name),
        _ => name,
    };

    /// <summary>
    /// A word starts at an upper-case letter that follows a lower-case letter or digit, or that ends a run of
    /// capitals followed by a lower-case letter (HTTPServer → http_server, VRest → v_rest).
    /// </summary>
    public static string ToSnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0 && name[i - 1] != '_')
                {
                    var previous = name[i - 1];
                    var nextIsLower = i + 1 < name.Length && char.IsLower(name[i + 1]);
                    if (char.IsLower(previous) || char.IsDigit(previous) || (char.IsUpper(previous) && nextIsLower))
                        builder.Append('_');
                }
                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }

    /// <summary>Lower-cases the leading capital run, keeping the capital that starts the next word (HTTPServer → httpServer).</summary>
    public static string ToCamelCase(string name)
    {
        var chars = name.ToCharArray();
        for (var i = 0; i < chars.Length && char.IsUpper(chars[i]); i++)
        {
            var nextIsLower = i + 1 < chars.Length && char.IsLower(chars[i + 1]);
            if (i > 0 && nextIsLower)
                break;
            chars[i] = char.ToLowerInvariant(chars[i]);
        }
        return new string(chars);
    }
}
