using System.Globalization;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;
using RseRules.Core.Json;
using RseRules.Core.Model;

namespace RseRules.Web.Forms;

/// <summary>
/// Changes to a form's shape, applied to the document it describes: add a row to a collection, a list or a map with
/// free keys (a collection's new item gets the next key, <c>R6</c> after <c>R5</c>), remove a row, move it up or down.
/// The form is then generated again from the document: the server is the only one that knows the shape.
/// </summary>
public static partial class FormOperations
{
    /// <summary>Applies <c>add:/pointer</c>, <c>remove:/pointer/i</c>, <c>up:/pointer/i</c> or <c>down:/pointer/i</c>.</summary>
    /// <returns>Whether the operation was understood and applied.</returns>
    public static bool Apply(MethodDefinition method, JObject document, string operation)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(document);
        var colon = operation?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        if (colon <= 0)
        {
            return false;
        }

        var verb = operation![..colon];
        var pointer = operation[(colon + 1)..];
        if (!pointer.StartsWith('/'))
        {
            return false;
        }

        var tokens = JsonPointer.Parse(pointer);
        if (verb == "add")
        {
            var declaration = Declare(method, tokens);
            if (declaration is null)
            {
                return false;
            }

            var container = Ensure(document, tokens, declaration.Type.Kind == TypeKind.Map ? new JObject() : new JArray());
            switch (container)
            {
                case JArray items when declaration.Type.Kind == TypeKind.Collection:
                    items.Add(NewItem(declaration.Type, items));
                    return true;
                case JArray items:
                    items.Add(JValue.CreateNull());
                    return true;
                case JObject map when declaration.Type.Kind == TypeKind.Map:
                    var n = map.Count + 1;
                    while (map.ContainsKey("key" + n.ToString(CultureInfo.InvariantCulture)))
                    {
                        n++;
                    }

                    map["key" + n.ToString(CultureInfo.InvariantCulture)] = JValue.CreateNull();
                    return true;
                default:
                    return false;
            }
        }

        if (tokens.Count < 2 || !int.TryParse(tokens[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            || Find(document, tokens.Take(tokens.Count - 1)) is not JArray array || index >= array.Count)
        {
            return RemoveMapEntry(document, tokens, verb);
        }

        var item = array[index];
        switch (verb)
        {
            case "remove":
                array.RemoveAt(index);
                return true;
            case "up" when index > 0:
                array.RemoveAt(index);
                array.Insert(index - 1, item);
                return true;
            case "down" when index + 1 < array.Count:
                array.RemoveAt(index);
                array.Insert(index + 1, item);
                return true;
            default:
                return false;
        }
    }

    private static bool RemoveMapEntry(JObject document, IReadOnlyList<string> tokens, string verb) =>
        verb == "remove" && tokens.Count >= 2 && Find(document, tokens.Take(tokens.Count - 1)) is JObject map && map.Remove(tokens[^1]);

    /// <summary>A new item of a collection: its key the next of the series the existing keys follow.</summary>
    private static JObject NewItem(TypeSpec type, JArray items)
    {
        var item = new JObject();
        var keyField = type.Key ?? (type.Fields.Any(f => f.Id == "id") ? "id" : null);
        if (keyField is not null && type.Fields.FirstOrDefault(f => f.Id == keyField)?.Type.Kind == TypeKind.Text)
        {
            var keys = items.OfType<JObject>().Select(i => i[keyField]?.Type == JTokenType.String ? i[keyField]!.Value<string>()! : null).OfType<string>().ToList();
            var numbered = keys.Select(k => Numbered().Match(k)).Where(m => m.Success).ToList();
            var prefix = numbered.Count > 0 && numbered.All(m => m.Groups[1].Value == numbered[0].Groups[1].Value) ? numbered[0].Groups[1].Value : "item";
            var next = numbered.Count > 0 ? numbered.Max(m => long.TryParse(m.Groups[2].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0) + 1 : items.Count + 1;
            while (keys.Contains(prefix + next.ToString(CultureInfo.InvariantCulture)))
            {
                next++;
            }

            item[keyField] = prefix + next.ToString(CultureInfo.InvariantCulture);
        }

        return item;
    }

    private static Declaration? Declare(MethodDefinition method, IReadOnlyList<string> tokens)
    {
        IReadOnlyList<Declaration> fields = method.Inputs;
        Declaration? declaration = null;
        foreach (var token in tokens)
        {
            if (declaration?.Type.Kind == TypeKind.Collection)
            {
                if (!int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out _))
                {
                    return null;
                }

                fields = declaration.Type.Fields;
                declaration = null;
                continue;
            }

            declaration = fields.FirstOrDefault(f => f.Id == token);
            if (declaration is null)
            {
                return null;
            }

            fields = declaration.Type.Fields;
        }

        return declaration;
    }

    private static JToken? Find(JToken root, IEnumerable<string> tokens)
    {
        JToken? token = root;
        foreach (var t in tokens)
        {
            token = token switch
            {
                JObject o => o[t],
                JArray a when int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < a.Count => a[i],
                _ => null,
            };
        }

        return token;
    }

    /// <summary>The container at a pointer, created (with its parents) when absent.</summary>
    private static JToken? Ensure(JObject root, IReadOnlyList<string> tokens, JToken empty)
    {
        JToken current = root;
        for (var i = 0; i < tokens.Count; i++)
        {
            var last = i == tokens.Count - 1;
            switch (current)
            {
                case JObject o:
                    if (o[tokens[i]] is not { } next || next.Type == JTokenType.Null)
                    {
                        next = last ? empty : new JObject();
                        o[tokens[i]] = next;
                    }

                    current = next;
                    break;
                case JArray a when int.TryParse(tokens[i], NumberStyles.None, CultureInfo.InvariantCulture, out var k) && k < a.Count:
                    current = a[k];
                    break;
                default:
                    return null;
            }
        }

        return current;
    }

    [GeneratedRegex(@"^(.*?)(\d{1,15})$", RegexOptions.CultureInvariant)]
    private static partial Regex Numbered();
}
