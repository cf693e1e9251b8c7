using System.Globalization;
using System.Text;
using CsCheck;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace RseRules.Tests.Shared;

/// <summary>What one mutation of a JSON document does.</summary>
internal enum MutationKind
{
    /// <summary>Removes an object member or an array element.</summary>
    DeleteMember,

    /// <summary>Replaces a value by a value of another JSON type (or a copy of another value of the document).</summary>
    ReplaceType,

    /// <summary>Adds, in the text, a second member with the name of an existing one.</summary>
    DuplicateKey,

    /// <summary>Cuts the text at some point.</summary>
    Truncate,

    /// <summary>Inserts JSON punctuation, escapes, control characters, comments, a BOM… somewhere in the text.</summary>
    InsertText,

    /// <summary>Inserts bytes that are not valid UTF-8 (or a NUL, a BOM) into the encoded file.</summary>
    InsertBytes,

    /// <summary>Replaces a number (or any value) by a huge, tiny, negative, out-of-range or NaN-like token.</summary>
    HugeNumber,

    /// <summary>Wraps a value in up to 80 levels of arrays or objects (the reader accepts 64).</summary>
    DeepNest,

    /// <summary>Swaps two elements of an array.</summary>
    SwapElements,

    /// <summary>Renames an identifier (an <c>id</c>, a reference, a map key) to another name, a keyword, an empty or odd text.</summary>
    RenameId,

    /// <summary>Replaces a formula or condition (or any text), or inserts into it, a piece of C#, harmless or hostile.</summary>
    InjectFormula,
}

/// <summary>One mutation: its kind and three numbers that choose where and what (each taken modulo what it chooses from).</summary>
internal readonly record struct Mutation(MutationKind Kind, int Where, int What, int How)
{
    public override string ToString() => $"{Kind}({Where}, {What}, {How})";
}

/// <summary>
/// Mutates valid JSON documents (method files, input documents) into the malformed, misshapen or hostile ones a user or
/// an attacker could hand the engine. Deterministic: the same text and mutations give the same bytes, so that a failing
/// sample printed by CsCheck can be replayed and kept as a regression file. Tree mutations work on a Json.NET tree and
/// fall back to a text mutation when an earlier mutation already broke the syntax.
/// </summary>
internal static class JsonMutator
{
    private const string RawMarker = "@@RSE-RAW-";
    private const string DuplicateMarker = "@@RSE-DUP-";

    private static readonly string[] OtherValues =
    [
        "null", "true", "false", "0", "-1", "1.5", "\"\"", "\"text\"", "[]", "{}", "[1, \"a\", null]", "{ \"a\": 1 }",
        "{ \"fr\": \"x\", \"en\": \"y\" }", "[[[]]]", "\"0\"", "\"true\"", "1e3",
    ];

    private static readonly string[] NumberTokens =
    [
        "1e308", "-1e308", "1.7976931348623157e308", "1e309", "-1e400", "1e-400", "4.9e-324", "NaN", "-NaN", "Infinity", "-Infinity",
        "99999999999999999999999999", "-99999999999999999999999999", "9223372036854775807", "9223372036854775808", "-9223372036854775809",
        "2147483648", "-2147483649", "18446744073709551616", "123456789012345678901234567890.5", "-0", "-0.0", "0e0", "1E+2", "1e-7",
        "0.1", "-1", "-100", "00", "01", "1.", ".5", "+1", "0x10", "1_000", "1e", "--1", "\"1\"", "1e99999999999",
        "0.30000000000000004", "100000000000000000000000000000000000000000000000000000000000000000000000000",
    ];

    private static readonly string[] NameTokens =
    [
        string.Empty, " ", "x y", "class", "var", "nameof", "__x", "Math", "item", "Fn", "GetType", "0abc", "é", "a-b", "a.b", "a/b",
        "~1", "E1", "U1", "R1", "npv", "x", "\u0000", "\t", "null", "true", "\"", "\\", "{index}", "$ref", "\ud83d\ude00", "\ud800",
        new string('k', 300),
    ];

    private static readonly string[] CSharpSnippets =
    [
        "1", "0", "x + 1", "null", "\"text\"", "true", "1 / 0", "1.0 / 0", "0.0 / 0", "Math.Sqrt(-1)", "int.MaxValue + 1", "long.MaxValue * 2",
        "Seq(0, 100000).Sum()", "Series(100001, t => t).Sum()", "Seq(0, 100000).SelectMany(i => Seq(0, 100000)).Count()",
        "IRR(new[] { -1.0, 2 })", "IRR(new double[0], 5, 1)", "Payback(null)", "Grade(1, new[] { 1.0 }, new[] { \"a\" })", "L(null, null)",
        "Math.Pow(10, 400)", "npv", "irr", "stakes.Sum(s => s.weight)", "usages.First().label", "risks[100].impact", "(int)1e300",
        "System.IO.File.ReadAllText(\"/etc/passwd\")", "global::System.Environment.Exit(3)", "typeof(string).Name", "GetType()",
        "System.Diagnostics.Process.Start(\"sh\")", "x => x", "{ }", "1; } } class X { static void M() { System.Environment.Exit(1); } } //",
        "#r \"System.dll\"", "#line 1 \"x\"", "/*", "*/", "//", "\"", "@\"", "$\"{", "$\"{1}\"", "new object()", "default", "checked(1 + 1)",
        "(", ")", "]", "?.", "??=", "a = 1", "x++", "throw null", "stackalloc int[1]", "__arglist", "await x", "nameof(x)", "sizeof(int)",
        "(dynamic)1", "Enumerable.Range(0, int.MaxValue).Count()", "Enumerable.Repeat(1, int.MaxValue).Count()", "\\u0041", "\u0000",
        "string.Concat(Enumerable.Repeat(\"x\", 100000000))", "new string('x', int.MaxValue)", "unsafe { }", "(Func<int>)(() => 1)",
        "from a in stakes from b in stakes from c in stakes from d in stakes select a.weight * b.weight * c.weight * d.weight",
        new string('(', 300) + "1" + new string(')', 300), string.Join("+", Enumerable.Repeat("1", 3000)), "a ? b : c ? d : e",
        "switch", "x switch { _ => 1 }", "x is int y ? y : 0", "\ud800", "\u2028", "'", "'ab'", "1..2", "^1", "x!",
    ];

    private static readonly string[] TextInserts =
    [
        "{", "}", "[", "]", ",", ":", "\"", "\\", "\\u", "\\ud800", "\\u0000", "\\x41", "\u0000", "\u0001", "\t", "\n", "\r", "null",
        "/* c */", "// c\n", "\uFEFF", "\ud800", "\udc00", "\u00e9", "\ud83d\ude00", ",,", "{\"a\":", "]]]]", "true false", "-", "1e", "'x'",
        "\u007f", "\u2028", "NaN", "undefined",
    ];

    private static readonly byte[][] ByteInserts =
    [
        [0xFF], [0xFE], [0xC0, 0x80], [0xC3], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xEF, 0xBB, 0xBF], [0x00], [0xF4, 0x90, 0x80, 0x80],
        [0xF8, 0x88, 0x80, 0x80, 0x80], [0x80], [0xBF, 0xBF],
    ];

    private static readonly string[] IdProperties = ["id", "ref", "keys", "key", "length", "forEach", "from", "scale", "extends", "affects", "at", "template"];

    private static readonly string[] FormulaProperties = ["formula", "when"];

    /// <summary>One mutation, any kind.</summary>
    public static Gen<Mutation> Step { get; } = Gen.Select(Gen.Enum<MutationKind>(), Gen.Int[0, int.MaxValue], Gen.Int[0, int.MaxValue], Gen.Int[0, int.MaxValue],
        (kind, where, what, how) => new Mutation(kind, where, what, how));

    /// <summary>One to three mutations.</summary>
    public static Gen<Mutation[]> Steps { get; } = Step.Array[1, 3];

    /// <summary>Applies mutations to a JSON text; byte mutations come last, on the UTF-8 encoding of the mutated text.</summary>
    public static byte[] Apply(string text, IReadOnlyList<Mutation> mutations)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(mutations);
        foreach (var m in mutations.Where(m => m.Kind != MutationKind.InsertBytes))
        {
            text = ApplyText(text, m);
        }

        var bytes = Encoding.UTF8.GetBytes(text).ToList();
        foreach (var m in mutations.Where(m => m.Kind == MutationKind.InsertBytes))
        {
            var insert = m.What % (ByteInserts.Length + 1) == ByteInserts.Length ? [(byte)(m.How & 0xFF)] : ByteInserts[m.What % ByteInserts.Length];
            bytes.InsertRange(m.Where % (bytes.Count + 1), insert);
        }

        return [.. bytes];
    }

    /// <summary>
    /// Runs a check on a mutated document; when it fails, keeps the document as
    /// <c>$TMPDIR/rse-property-failures/&lt;kind&gt;-&lt;sha256&gt;.json</c> (to replay it, or add it to the regression files).
    /// </summary>
    public static void Keeping(byte[] document, string kind, Action check)
    {
        ArgumentNullException.ThrowIfNull(check);
        try
        {
            check();
        }
        catch (Exception ex) when (Keep(document, kind, ex))
        {
            throw; // never reached: Keep returns false, the exception goes on unchanged
        }
    }

    private static bool Keep(byte[] document, string kind, Exception exception)
    {
        var dir = Path.Combine(Path.GetTempPath(), "rse-property-failures");
        Directory.CreateDirectory(dir);
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(document))[..16];
        File.WriteAllBytes(Path.Combine(dir, $"{kind}-{hash}.json"), document);
        File.WriteAllText(Path.Combine(dir, $"{kind}-{hash}.txt"), exception.ToString());
        return false;
    }

    /// <summary>The bytes shown when a sample fails: the mutations, then the start of the mutated text.</summary>
    public static string Describe(string text, IReadOnlyList<Mutation> mutations)
    {
        ArgumentNullException.ThrowIfNull(mutations);
        var shown = Encoding.UTF8.GetString(Apply(text, mutations));
        return string.Join(", ", mutations) + Environment.NewLine + (shown.Length > 4000 ? shown[..4000] + "…" : shown);
    }

    private static string ApplyText(string text, Mutation m)
    {
        switch (m.Kind)
        {
            case MutationKind.Truncate:
                return text[..(m.Where % (text.Length + 1))];
            case MutationKind.InsertText:
                return InsertText(text, m);
            default:
                break;
        }

        JToken root;
        try
        {
            using var reader = new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None, MaxDepth = null };
            root = JToken.Load(reader, new JsonLoadSettings { DuplicatePropertyNameHandling = DuplicatePropertyNameHandling.Ignore });
        }
        catch (JsonException)
        {
            return InsertText(text, m); // an earlier mutation broke the syntax: mutate the text instead
        }

        var raw = new Dictionary<string, string>(StringComparer.Ordinal);
        var duplicates = new Dictionary<string, string>(StringComparer.Ordinal);
        root = MutateTree(root, m, raw, duplicates);
        var result = root.ToString(Formatting.Indented);
        foreach (var (marker, token) in raw)
        {
            result = result.Replace(JsonConvert.ToString(marker), token, StringComparison.Ordinal);
        }

        foreach (var (marker, name) in duplicates)
        {
            result = result.Replace(JsonConvert.ToString(marker), JsonConvert.ToString(name), StringComparison.Ordinal);
        }

        return result;
    }

    private static string InsertText(string text, Mutation m)
    {
        var insert = m.What % (TextInserts.Length + 1) == TextInserts.Length
            ? ((char)(m.How % 0x3000)).ToString()
            : TextInserts[m.What % TextInserts.Length];
        return text.Insert(m.Where % (text.Length + 1), insert);
    }

    private static JToken MutateTree(JToken root, Mutation m, Dictionary<string, string> raw, Dictionary<string, string> duplicates)
    {
        var values = All(root).Where(t => t is not JProperty).ToList();
        var inner = values.Where(t => t.Parent is not null).ToList();
        switch (m.Kind)
        {
            case MutationKind.DeleteMember when inner.Count > 0:
                var victim = Pick(inner, m.Where);
                if (victim.Parent is JProperty member)
                {
                    member.Remove();
                }
                else
                {
                    victim.Remove();
                }

                return root;
            case MutationKind.ReplaceType:
                var replacement = m.What % (OtherValues.Length + 1) == OtherValues.Length
                    ? Pick(values, m.How).DeepClone()
                    : JToken.Parse(OtherValues[m.What % OtherValues.Length]);
                return Replace(root, Pick(values, m.Where), replacement);
            case MutationKind.HugeNumber:
                var numbers = values.Where(t => t.Type is JTokenType.Integer or JTokenType.Float).ToList();
                var target = Pick(numbers.Count > 0 && m.How % 4 != 0 ? numbers : values, m.Where);
                return Replace(root, target, Raw(raw, NumberTokens[m.What % NumberTokens.Length]));
            case MutationKind.DeepNest:
                var depth = 1 + (m.What % 80);
                JToken nested = Pick(values, m.Where).DeepClone();
                for (var i = 0; i < depth; i++)
                {
                    nested = m.How % 2 == 0 ? new JArray(nested) : new JObject(new JProperty("a", nested));
                }

                return Replace(root, Pick(values, m.Where), nested);
            case MutationKind.SwapElements:
                var arrays = values.OfType<JArray>().Where(a => a.Count >= 2).ToList();
                if (arrays.Count == 0)
                {
                    return root;
                }

                var array = Pick(arrays, m.Where);
                var (i1, i2) = (m.What % array.Count, m.How % array.Count);
                (array[i1], array[i2]) = (array[i2].DeepClone(), array[i1].DeepClone());
                return root;
            case MutationKind.DuplicateKey:
                var objects = values.OfType<JObject>().Where(o => o.Count > 0).ToList();
                if (objects.Count == 0)
                {
                    return root;
                }

                var o = Pick(objects, m.Where);
                var existing = o.Properties().ElementAt(m.What % o.Count);
                var marker = DuplicateMarker + duplicates.Count.ToString(CultureInfo.InvariantCulture);
                duplicates[marker] = existing.Name;
                o.Add(new JProperty(marker, m.How % 2 == 0 ? existing.Value.DeepClone() : Pick(values, m.How).DeepClone()));
                return root;
            case MutationKind.RenameId:
                return RenameId(root, values, m);
            case MutationKind.InjectFormula:
                var strings = values.Where(t => t.Type == JTokenType.String).ToList();
                var formulas = strings.Where(t => t.Parent is JProperty p && FormulaProperties.Contains(p.Name)).ToList();
                var candidates = formulas.Count > 0 && m.How % 5 != 0 ? formulas : strings;
                if (candidates.Count == 0)
                {
                    return root;
                }

                var formula = (JValue)Pick(candidates, m.Where);
                var snippet = CSharpSnippets[m.What % CSharpSnippets.Length];
                var old = formula.Value<string>() ?? string.Empty;
                formula.Value = ((m.How / 5) % 3) switch
                {
                    0 => snippet,
                    1 => old.Insert((m.How / 15) % (old.Length + 1), snippet),
                    _ => $"({old}) + {snippet}",
                };
                return root;
            default:
                return root;
        }
    }

    private static JToken RenameId(JToken root, List<JToken> values, Mutation m)
    {
        var strings = values.Where(t => t.Type == JTokenType.String).ToList();
        var ids = strings.Where(t => t.Parent is JProperty p && IdProperties.Contains(p.Name)).ToList();
        string NewName() => m.What % (NameTokens.Length + 1) == NameTokens.Length && strings.Count > 0
            ? Pick(strings, m.How).Value<string>()!
            : NameTokens[m.What % NameTokens.Length];

        if (m.How % 3 == 0)
        {
            // Rename a member (map keys such as contributions' stake ids are names, not values).
            var members = All(root).OfType<JProperty>().ToList();
            if (members.Count > 0)
            {
                var member = Pick(members, m.Where);
                var name = NewName();
                if (member.Parent is JObject parent && parent.Property(name, StringComparison.Ordinal) is null)
                {
                    member.Replace(new JProperty(name, member.Value));
                }

                return root;
            }
        }

        var candidates = ids.Count > 0 ? ids : strings;
        if (candidates.Count > 0)
        {
            ((JValue)Pick(candidates, m.Where)).Value = NewName();
        }

        return root;
    }

    private static JValue Raw(Dictionary<string, string> raw, string token)
    {
        var marker = RawMarker + raw.Count.ToString(CultureInfo.InvariantCulture);
        raw[marker] = token;
        return new JValue(marker);
    }

    private static JToken Replace(JToken root, JToken target, JToken replacement)
    {
        if (ReferenceEquals(root, target))
        {
            return replacement;
        }

        target.Replace(replacement);
        return root;
    }

    private static IEnumerable<JToken> All(JToken root) => root is JContainer container ? container.DescendantsAndSelf() : [root];

    private static T Pick<T>(IReadOnlyList<T> items, int index) => items[index % items.Count];
}
