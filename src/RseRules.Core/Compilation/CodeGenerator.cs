using System.Globalization;
using System.Text;
using RseRules.Core.Model;

namespace RseRules.Core.Compilation;

/// <summary>
/// Turns a method into one C# source file: a class per record type, a model class whose members are the
/// method's inputs, parameters and indicators (so that formulas name them directly), one method per formula,
/// and an adapter to <see cref="Runtime.CompiledModel"/>. Generated names start with two underscores, which
/// method identifiers may not, so they never collide with user names.
/// </summary>
internal sealed class CodeGenerator
{
    public const string Namespace = "RseRules.Generated";
    public const string ModelClass = "__Model";
    public const string FactoryClass = "__Factory";
    public const string ParametersClass = "__Parameters";

    /// <summary>The model's field holding the thread's budget meter while it computes its indicators or evaluates its rules in
    /// one call (<see cref="Runtime.CompiledModel.ComputeAll(int[], ref int)"/>, <see cref="Runtime.CompiledModel.EvaluateRules"/>), null
    /// otherwise: the lowered loops read it rather than the thread's storage.</summary>
    public const string MeterField = "__mt";

    private const string Support = "global::RseRules.Core.Runtime.GeneratedSupport";
    private const string Dict = "global::System.Collections.Generic.IReadOnlyDictionary";
    private const string ListT = "global::System.Collections.Generic.IReadOnlyList";
    private const string LocalizedType = "global::RseRules.Core.Model.LocalizedText";

    private readonly MethodDefinition method;
    private readonly IReadOnlySet<string> skipped;
    private readonly StringBuilder sb = new();
    private readonly List<FormulaSpan> spans = [];
    private readonly StringBuilder types = new();
    private readonly Dictionary<string, string> itemTypes = new(StringComparer.Ordinal);
    private readonly List<(int Start, int End, FormulaSpan Formula)> conversions = [];
    private int lambdaDepth;

    /// <param name="method">The method.</param>
    /// <param name="skipped">Pointers of expressions that failed their standalone parse: they are replaced by
    /// <c>default</c> so that the others still compile and report their own errors.</param>
    public CodeGenerator(MethodDefinition method, IReadOnlySet<string> skipped)
    {
        this.method = method;
        this.skipped = skipped;
    }

    public GeneratedSource Generate()
    {
        foreach (var input in method.Inputs)
        {
            DeclareTypes(input.Type, input.Id);
        }

        foreach (var p in method.Parameters)
        {
            DeclareTypes(p.Type, p.Id);
        }

        foreach (var ind in method.Indicators)
        {
            DeclareTypes(ind.Type, ind.Id, typed: true);
        }

        sb.Append("#nullable disable\n");
        sb.Append("using System;\nusing RseRules.Core.Runtime.Linq;\nusing System.Collections.Generic;\nusing static RseRules.Core.Runtime.Fn;\n");
        sb.Append("namespace ").Append(Namespace).Append(";\n\n");
        sb.Append(types);
        if (method.FormatVersion >= 2)
        {
            GenerateScales();
        }

        sb.Append("public sealed class ").Append(ParametersClass).Append("\n{\n");
        foreach (var p in method.Parameters)
        {
            sb.Append("    public ").Append(CsType(p.Type, p.Id, false)).Append(' ').Append(p.Id).Append(" { get; }\n");
        }

        sb.Append("    public ").Append(ParametersClass).Append('(').Append(Dict).Append("<string, object> __par)\n    {\n");
        foreach (var p in method.Parameters)
        {
            sb.Append("        ").Append(p.Id).Append(" = ").Append(Convert(p.Type, p.Id, false, $"{Support}.Get(__par, \"{p.Id}\")")).Append(";\n");
        }

        sb.Append("    }\n}\n\n");

        sb.Append("public sealed class ").Append(ModelClass).Append("\n{\n    private readonly ").Append(ParametersClass).Append(" __p;\n");
        foreach (var input in method.Inputs)
        {
            sb.Append("    public ").Append(CsType(input.Type, input.Id, Optional(input))).Append(' ').Append(input.Id).Append(" { get; }\n");
        }

        foreach (var p in method.Parameters)
        {
            sb.Append("    public ").Append(CsType(p.Type, p.Id, false)).Append(' ').Append(p.Id).Append(" => __p.").Append(p.Id).Append(";\n");
        }

        foreach (var ind in method.Indicators)
        {
            sb.Append("    public ").Append(CsType(ind.Type, ind.Id, ind.Type.Nullable)).Append(' ').Append(ind.Id).Append(" { get; private set; }\n");
        }

        if (method.FormatVersion >= 2)
        {
            sb.Append("    public __ScaleSet Scales => __ScaleSet.Instance;\n");
        }

        // Bound inputs arrive as one array in the method's input order, each already converted by __Bind: the model
        // only unboxes them, so that a document is converted once however many times it is evaluated.
        sb.Append("\n    public __Model(object[] __in, ").Append(ParametersClass).Append(" __p)\n    {\n        this.__p = __p;\n");
        for (var k = 0; k < method.Inputs.Count; k++)
        {
            var input = method.Inputs[k];
            sb.Append("        ").Append(input.Id).Append(" = (").Append(CsType(input.Type, input.Id, Optional(input))).Append(")__in[")
              .Append(k.ToString(CultureInfo.InvariantCulture)).Append("];\n");
        }

        sb.Append("    }\n\n    public static object __Bind(int __i, object __v)\n    {\n        switch (__i)\n        {\n");
        for (var k = 0; k < method.Inputs.Count; k++)
        {
            var input = method.Inputs[k];
            sb.Append("            case ").Append(k.ToString(CultureInfo.InvariantCulture)).Append(": return ")
              .Append(Convert(input.Type, input.Id, Optional(input), "__v")).Append(";\n");
        }

        sb.Append("            default: throw new global::System.ArgumentOutOfRangeException(nameof(__i));\n        }\n");
        sb.Append("    }\n\n");
        GenerateCompute();
        GenerateComputeAll();
        GenerateGet();
        GenerateRules();
        sb.Append("}\n\n");

        sb.Append("public sealed class __Adapter : global::RseRules.Core.Runtime.CompiledModel\n{\n");
        sb.Append("    private readonly __Model m;\n    public __Adapter(__Model m) { this.m = m; }\n");
        sb.Append("    public override bool Compute(int index) => m.__Compute(index);\n");
        sb.Append("    public override bool ComputeAll(int[] order, ref int position) => m.__All(order, ref position);\n");
        sb.Append("    public override bool ComputeAll(int[] order, ref int position, global::RseRules.Core.Runtime.PrecomputedIndicators precomputed) => precomputed?.Model is __Adapter given ? m.__All(order, ref position, given.m, precomputed) : m.__All(order, ref position);\n");
        sb.Append("    public override object GetIndicator(int index) => m.__Get(index);\n");
        sb.Append("    public override double GetNumber(int index) => m.__Number(index);\n");
        sb.Append("    public override void EvaluateRule(int index, global::System.Collections.Generic.List<global::RseRules.Core.Runtime.RuleHit> hits) => m.__Rule(index, hits);\n");
        sb.Append("    public override void EvaluateRules(int[] rules, ref int position, global::System.Collections.Generic.List<global::RseRules.Core.Runtime.RuleHit> hits, global::System.Span<int> ends) => m.__Rules(rules, ref position, hits, ends);\n}\n\n");
        sb.Append("public sealed class ").Append(FactoryClass).Append(" : global::RseRules.Core.Runtime.CompiledModelFactory\n{\n");
        sb.Append("    public override int InputCount => ").Append(method.Inputs.Count.ToString(CultureInfo.InvariantCulture)).Append(";\n");
        sb.Append("    public override object BindInput(int index, object value) => ").Append(ModelClass).Append(".__Bind(index, value);\n");
        sb.Append("    public override object BindParameters(").Append(Dict).Append("<string, object> parameters) => new ").Append(ParametersClass).Append("(parameters);\n");
        sb.Append("    public override global::RseRules.Core.Runtime.CompiledModel Create(object[] inputs, object parameters) => new __Adapter(new ")
          .Append(ModelClass).Append("(inputs, (").Append(ParametersClass).Append(")parameters));\n}\n");
        return new GeneratedSource(sb.ToString(), spans, conversions);
    }

    /// <summary>The C# name of the class generated for a record or collection item at a path of ids.</summary>
    public static string ClassName(string path) =>
        "__" + string.Join("_", path.Split('.').Select(s => char.ToUpperInvariant(s[0]) + s[1..]));

    private static bool Optional(Declaration d) => !d.Required && d.Default is null;

    /// <summary>Whether a field of a record computed by a formula (an indicator's) may be null.</summary>
    private static bool FieldNullable(Declaration f) => f.Type.Nullable || Optional(f);

    private void DeclareTypes(TypeSpec type, string path, bool typed = false)
    {
        switch (type.Kind)
        {
            case TypeKind.Record:
            case TypeKind.Collection:
                var name = ClassName(path);
                itemTypes[path] = name;
                foreach (var f in type.Fields)
                {
                    DeclareTypes(f.Type, path + "." + f.Id);
                }

                types.Append("public sealed class ").Append(name).Append(" : global::RseRules.Core.Runtime.RecordValue\n{\n");
                foreach (var f in type.Fields)
                {
                    types.Append("    public ").Append(CsType(f.Type, path + "." + f.Id, typed ? FieldNullable(f) : Optional(f))).Append(' ').Append(f.Id).Append(" { get; }\n");
                }

                if (typed)
                {
                    // Built from a formula's value, field by field (GeneratedSupport.Record/Records): an enum field checks its value.
                    types.Append("    public ").Append(name).Append('(')
                         .Append(string.Join(", ", type.Fields.Select(f => CsType(f.Type, path + "." + f.Id, FieldNullable(f)) + " " + f.Id)))
                         .Append(")\n    {\n");
                    foreach (var f in type.Fields)
                    {
                        types.Append("        this.").Append(f.Id).Append(" = ").Append(f.Type.Kind == TypeKind.Enum ? EnumCheck(f.Type, f.Id) : f.Id).Append(";\n");
                    }
                }
                else
                {
                    types.Append("    public ").Append(name).Append('(').Append(Dict).Append("<string, object> __d)\n    {\n");
                    foreach (var f in type.Fields)
                    {
                        types.Append("        ").Append(f.Id).Append(" = ").Append(FieldFromDocument(f, path)).Append(";\n");
                    }

                    AppendRebind(type, path, name);
                }

                types.Append("    }\n    protected override global::System.Collections.Generic.IEnumerable<global::System.Collections.Generic.KeyValuePair<string, object>> Fields()\n    {\n");
                foreach (var f in type.Fields)
                {
                    types.Append("        yield return new global::System.Collections.Generic.KeyValuePair<string, object>(\"").Append(f.Id).Append("\", ").Append(f.Id).Append(");\n");
                }

                if (type.Fields.Count == 0)
                {
                    types.Append("        yield break;\n");
                }

                types.Append("    }\n    public override string ToString() => ");
                var key = type.Kind == TypeKind.Collection && type.Key is not null ? type.Key : null;
                types.Append(key is null ? "\"" + name + "\"" : key).Append(";\n}\n\n");
                break;
            case TypeKind.List:
            case TypeKind.Map:
            case TypeKind.Series:
                if (type.Of is not null)
                {
                    DeclareTypes(type.Of, path);
                }

                break;
            default:
                break;
        }
    }

    /// <summary>A bound record's field converted from its record's document values <c>__d</c>.</summary>
    private string FieldFromDocument(Declaration f, string path) =>
        Convert(f.Type, path + "." + f.Id, Optional(f), $"{Support}.Get(__d, \"{f.Id}\")");

    /// <summary>
    /// A bound record made again after leaves below it changed in its document values (a simulation's samples): a copy of
    /// <c>__o</c> in which only the fields holding a change (<see cref="Runtime.RebindNode"/>) are converted again — by the
    /// same conversion as binding — and a field that is itself a record only along its own changes
    /// (<see cref="Runtime.RecordValue.Rebind"/>). The other fields are shared: bound values are immutable.
    /// </summary>
    private void AppendRebind(TypeSpec type, string path, string name)
    {
        types.Append("    }\n    private ").Append(name).Append('(').Append(name).Append(" __o, global::RseRules.Core.Runtime.RebindNode __r, ")
             .Append(Dict).Append("<string, object> __d)\n    {\n");
        for (var i = 0; i < type.Fields.Count; i++)
        {
            var f = type.Fields[i];
            var change = "__c" + i.ToString(CultureInfo.InvariantCulture);
            var fresh = FieldFromDocument(f, path);
            var deeper = f.Type.Kind == TypeKind.Record
                ? $"__o.{f.Id} is null ? ({fresh}) : ({itemTypes[path + "." + f.Id]}){Support}.Rebind(__o.{f.Id}, {change}, {Support}.Get(__d, \"{f.Id}\"))"
                : fresh;
            types.Append("        ").Append(f.Id).Append(" = __r.Field(").Append(i.ToString(CultureInfo.InvariantCulture)).Append(") is not { } ").Append(change)
                 .Append(" ? __o.").Append(f.Id).Append(" : ").Append(change).Append(".Whole ? (").Append(fresh).Append(") : (").Append(deeper).Append(");\n");
        }

        // Left open, as the constructor before it was: the caller closes it.
        types.Append("    }\n    protected override global::RseRules.Core.Runtime.RecordValue Rebind(global::RseRules.Core.Runtime.RebindNode __r, object __n)\n    {\n        return new ")
             .Append(name).Append("(this, __r, ").Append(Support).Append(".Obj(__n));\n");
    }

    private string CsType(TypeSpec type, string path, bool nullable)
    {
        var q = nullable ? "?" : string.Empty;
        return type.Kind switch
        {
            TypeKind.Number => "double" + q,
            TypeKind.Integer or TypeKind.Scale => "long" + q,
            TypeKind.Boolean => "bool" + q,
            TypeKind.Text or TypeKind.Enum => "string",
            TypeKind.Localized => LocalizedType,
            TypeKind.Series => "global::RseRules.Core.Runtime.BudgetedList<double>",
            TypeKind.List => ListT + "<" + CsType(type.Of!, path, false) + ">",
            TypeKind.Record => itemTypes.GetValueOrDefault(path, "object"),
            TypeKind.Collection => ListT + "<" + itemTypes.GetValueOrDefault(path, "object") + ">",
            TypeKind.Map => Dict + "<" + (type.HasIntegerKeys ? "long" : "string") + ", " + CsType(type.Of!, path, false) + ">",
            _ => "object",
        };
    }

    private string Convert(TypeSpec type, string path, bool nullable, string source)
    {
        var n = nullable ? "N" : string.Empty;
        switch (type.Kind)
        {
            case TypeKind.Number: return $"{Support}.Num{n}({source})";
            case TypeKind.Integer:
            case TypeKind.Scale: return $"{Support}.Int{n}({source})";
            case TypeKind.Boolean: return $"{Support}.Bool{n}({source})";
            case TypeKind.Text:
            case TypeKind.Enum: return $"{Support}.Str({source})";
            case TypeKind.Series: return $"{Support}.Nums({source})";
            case TypeKind.Localized: return $"{Support}.Loc({source})";
            case TypeKind.Record:
                return $"({source}) is null ? null : new {itemTypes[path]}({Support}.Obj({source}))";
            case TypeKind.Collection:
                {
                    var v = "__e" + (lambdaDepth++).ToString(CultureInfo.InvariantCulture);
                    var r = $"{Support}.List({source}, {v} => new {itemTypes[path]}({Support}.Obj({v})))";
                    lambdaDepth--;
                    return r;
                }

            case TypeKind.List:
            case TypeKind.Map:
                {
                    var v = "__e" + (lambdaDepth++).ToString(CultureInfo.InvariantCulture);
                    var element = Convert(type.Of!, path, false, v);
                    lambdaDepth--;
                    var helper = type.Kind == TypeKind.List ? "List" : type.HasIntegerKeys ? "IntMap" : "Map";
                    return $"{Support}.{helper}({source}, {v} => {element})";
                }

            default:
                return "default";
        }
    }

    private void AppendFormula(FormulaKind kind, string ownerId, int ownerIndex, string text, string pointer, int stringOffset)
    {
        if (skipped.Contains(pointer + "#" + stringOffset.ToString(CultureInfo.InvariantCulture)))
        {
            sb.Append("default");
            return;
        }

        // Formulas stand on their own lines so that a trailing // comment cannot swallow generated code; message holes
        // cannot (a format clause may not hold a newline), and their standalone parse already rejects such comments.
        var own = kind != FormulaKind.RuleMessageHole;
        if (own)
        {
            sb.Append('\n');
        }

        spans.Add(new FormulaSpan(kind, ownerId, ownerIndex, text, sb.Length, pointer, stringOffset));
        sb.Append(text);
        if (own)
        {
            sb.Append('\n');
        }
    }

    /// <summary>Format 2: <c>Scales.name</c> in formulas, one <see cref="Runtime.ScaleInfo"/> per scale whose name is an
    /// identifier (keywords escaped with <c>@</c>).</summary>
    private void GenerateScales()
    {
        sb.Append("public sealed class __ScaleSet\n{\n    public static readonly __ScaleSet Instance = new __ScaleSet();\n");
        foreach (var scale in method.Scales)
        {
            if (!IsIdentifier(scale.Id))
            {
                continue;
            }

            var levels = scale.Levels.OrderBy(l => l.Key).ToArray();
            sb.Append("    public global::RseRules.Core.Runtime.ScaleInfo ").Append(Validation.MethodValidator.IsKeyword(scale.Id) ? "@" : string.Empty).Append(scale.Id)
              .Append(" { get; } = ").Append(Support).Append(".Scale(")
              .Append(scale.Min.ToString(CultureInfo.InvariantCulture)).Append("L, ").Append(scale.Max.ToString(CultureInfo.InvariantCulture)).Append("L, new long[] { ")
              .Append(string.Join(", ", levels.Select(l => l.Key.ToString(CultureInfo.InvariantCulture) + "L"))).Append(" }, new string[] { ")
              .Append(string.Join(", ", levels.Select(l => Literal(l.Value.Fr)))).Append(" }, new string[] { ")
              .Append(string.Join(", ", levels.Select(l => Literal(l.Value.En)))).Append(" });\n");
        }

        sb.Append("}\n\n");
    }

    /// <summary>Whether a name can be written as a C# identifier (possibly with <c>@</c>).</summary>
    internal static bool IsIdentifier(string name) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') && !name.StartsWith("__", StringComparison.Ordinal);

    /// <summary>A C# string literal (identifiers and enum values: escaped all the same).</summary>
    private static string Literal(string text)
    {
        var literal = new StringBuilder("\"");
        foreach (var c in text)
        {
            literal.Append(c switch
            {
                '\\' => "\\\\",
                '"' => "\\\"",
                < ' ' or > '~' => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }

        return literal.Append('"').ToString();
    }

    /// <summary>The check that a value is one of an enum's values.</summary>
    private static string EnumCheck(TypeSpec type, string expression) =>
        $"{Support}.EnumValue({expression}, new string[] {{ {string.Join(", ", type.Values.Select(v => Literal(v.Value)))} }})";

    private void GenerateCompute()
    {
        sb.Append("    public bool __Compute(int __i)\n    {\n        switch (__i)\n        {\n");
        for (var i = 0; i < method.Indicators.Count; i++)
        {
            var ind = method.Indicators[i];
            sb.Append("            case ").Append(i.ToString(CultureInfo.InvariantCulture)).Append(":\n                ").Append(ind.Id).Append(" = ");
            var (before, after) = ind.Type.Kind switch
            {
                TypeKind.Series => ($"{Support}.AsSeries(", ")"),
                TypeKind.Enum => ($"{Support}.EnumValue(", $", new string[] {{ {string.Join(", ", ind.Type.Values.Select(v => Literal(v.Value)))} }})"),
                TypeKind.List or TypeKind.Map when ind.Type.Of is { Kind: TypeKind.Enum } element => ($"{Support}.EnumValues<{CsType(ind.Type, ind.Id, false)}>(", $", new string[] {{ {string.Join(", ", element.Values.Select(v => Literal(v.Value)))} }})"),
                TypeKind.Record => ($"{Support}.Record(", ", __x => new " + itemTypes[ind.Id] + "(" + string.Join(", ", ind.Type.Fields.Select(f => "__x." + f.Id)) + "))"),
                TypeKind.Collection => ($"{Support}.Records(", ", __x => new " + itemTypes[ind.Id] + "(" + string.Join(", ", ind.Type.Fields.Select(f => "__x." + f.Id)) + "))"),
                _ => (string.Empty, string.Empty),
            };
            sb.Append(before);
            var spanCount = spans.Count;
            AppendFormula(FormulaKind.Indicator, ind.Id, i, ind.Formula, ind.Pointer + "/formula", 0);
            if (after.Length > 0 && spans.Count > spanCount)
            {
                conversions.Add((sb.Length, sb.Length + after.Length, spans[^1]));
            }

            sb.Append(after);
            sb.Append(";\n                return ").Append(Support).Append(".Ok(").Append(ind.Id).Append(", ")
              .Append(ind.Type.Nullable ? "true" : "false").Append(");\n");
        }

        sb.Append("            default:\n                throw new global::System.ArgumentOutOfRangeException(nameof(__i));\n        }\n    }\n\n");
    }

    /// <summary>Every indicator from a position of the evaluation order on, in one call (no virtual call per indicator), the
    /// thread's budget meter read once for all their loops.</summary>
    private void GenerateComputeAll()
    {
        sb.Append("    private global::RseRules.Core.Runtime.EvaluationBudget.Meter ").Append(MeterField).Append(";\n\n");
        sb.Append("    public bool __All(int[] __order, ref int __k)\n    {\n        ").Append(MeterField).Append(" = global::RseRules.Core.Runtime.EvaluationBudget.Current;\n");
        sb.Append("        try\n        {\n            for (; __k < __order.Length; __k++)\n            {\n                if (!__Compute(__order[__k]))\n                {\n                    return false;\n                }\n            }\n\n            return true;\n        }\n");
        sb.Append("        finally\n        {\n            ").Append(MeterField).Append(" = null;\n        }\n    }\n\n");

        // The same, the precomputed indicators taken from another model of this method (PrecomputedIndicators).
        sb.Append("    public bool __All(int[] __order, ref int __k, ").Append(ModelClass).Append(" __g, global::RseRules.Core.Runtime.PrecomputedIndicators __pre)\n    {\n        ")
          .Append(MeterField).Append(" = global::RseRules.Core.Runtime.EvaluationBudget.Current;\n");
        sb.Append("        try\n        {\n            for (; __k < __order.Length; __k++)\n            {\n                var __i = __order[__k];\n");
        sb.Append("                if (__pre.Charge(").Append(MeterField).Append(", __i))\n                {\n                    __Take(__g, __i);\n                }\n");
        sb.Append("                else if (!__Compute(__i))\n                {\n                    return false;\n                }\n            }\n\n            return true;\n        }\n");
        sb.Append("        finally\n        {\n            ").Append(MeterField).Append(" = null;\n        }\n    }\n\n");

        sb.Append("    private void __Take(").Append(ModelClass).Append(" __g, int __i)\n    {\n        switch (__i)\n        {\n");
        for (var i = 0; i < method.Indicators.Count; i++)
        {
            sb.Append("            case ").Append(i.ToString(CultureInfo.InvariantCulture)).Append(": ").Append(method.Indicators[i].Id).Append(" = __g.")
              .Append(method.Indicators[i].Id).Append("; return;\n");
        }

        sb.Append("            default: throw new global::System.ArgumentOutOfRangeException(nameof(__i));\n        }\n    }\n\n");
    }

    private void GenerateGet()
    {
        sb.Append("    public object __Get(int __i) => __i switch\n    {\n");
        for (var i = 0; i < method.Indicators.Count; i++)
        {
            sb.Append("        ").Append(i.ToString(CultureInfo.InvariantCulture)).Append(" => ").Append(method.Indicators[i].Id).Append(",\n");
        }

        sb.Append("        _ => throw new global::System.ArgumentOutOfRangeException(nameof(__i)),\n    };\n\n");

        // The numbers (number, integer, scale) unboxed, NaN for null; any other indicator through its boxed value.
        sb.Append("    public double __Number(int __i) => __i switch\n    {\n");
        for (var i = 0; i < method.Indicators.Count; i++)
        {
            var ind = method.Indicators[i];
            if (ind.Type.Kind is TypeKind.Number or TypeKind.Integer or TypeKind.Scale)
            {
                sb.Append("        ").Append(i.ToString(CultureInfo.InvariantCulture)).Append(" => ")
                  .Append(ind.Type.Nullable ? $"{ind.Id}.HasValue ? (double){ind.Id}.Value : double.NaN" : $"(double){ind.Id}").Append(",\n");
            }
        }

        sb.Append("        _ => global::RseRules.Core.Runtime.CompiledModel.Number(__Get(__i)),\n    };\n\n");
    }

    /// <summary>What a rule's <c>forEach</c> names: a collection input (format 1), or in format 2 a map, a series, a
    /// collection parameter or a collection indicator; null when it names nothing iterable (reported by the validator).</summary>
    private (string Id, TypeSpec Type, bool IsInputCollection)? ForEachTarget(RuleDefinition rule)
    {
        if (rule.ForEach is null)
        {
            return null;
        }

        if (method.Inputs.FirstOrDefault(x => x.Id == rule.ForEach) is { } input
            && (input.Type.Kind == TypeKind.Collection || (method.FormatVersion >= 2 && input.Type.Kind is TypeKind.Map or TypeKind.Series)))
        {
            return (input.Id, input.Type, input.Type.Kind == TypeKind.Collection);
        }

        if (method.FormatVersion < 2)
        {
            return null;
        }

        var type = method.Parameters.FirstOrDefault(x => x.Id == rule.ForEach)?.Type ?? method.Indicators.FirstOrDefault(x => x.Id == rule.ForEach)?.Type;
        return type?.Kind is TypeKind.Collection or TypeKind.Map or TypeKind.Series ? (rule.ForEach, type, false) : null;
    }

    private void GenerateRules()
    {
        var calls = new StringBuilder();
        for (var i = 0; i < method.Rules.Count; i++)
        {
            var rule = method.Rules[i];
            var index = i.ToString(CultureInfo.InvariantCulture);
            var target = ForEachTarget(rule);
            var itemType = target switch
            {
                null => null,
                { Type.Kind: TypeKind.Collection } t => itemTypes[t.Id],
                { Type.Kind: TypeKind.Series } => "global::RseRules.Core.Runtime.Entry<long, double>",
                { } t => "global::RseRules.Core.Runtime.Entry<" + (t.Type.HasIntegerKeys ? "long" : "string") + ", " + CsType(t.Type.Of!, t.Id, false) + ">",
            };
            var itemParam = itemType is null ? string.Empty : itemType + " item";
            sb.Append("    private bool __W").Append(index).Append('(').Append(itemParam).Append(") =>");
            AppendFormula(FormulaKind.RuleCondition, rule.Id, i, rule.When, rule.Pointer + "/when", 0);
            sb.Append(";\n");
            foreach (var lang in new[] { "fr", "en" })
            {
                sb.Append("    private string __M").Append(index).Append('_').Append(lang).Append('(').Append(itemParam).Append(") => ");
                AppendMessage(rule, i, lang == "fr" ? rule.Message.Fr : rule.Message.En, rule.Pointer + "/message/" + lang, lang);
                sb.Append(";\n");
            }

            calls.Append("            case ").Append(index).Append(":\n");
            var hit = "new global::RseRules.Core.Runtime.RuleHit(__k, __M" + index + "_fr(__it), __M" + index + "_en(__it))";
            switch (target)
            {
                case null:
                    calls.Append("                if (__W").Append(index).Append("()) __hits.Add(new global::RseRules.Core.Runtime.RuleHit(-1, __M").Append(index).Append("_fr(), __M").Append(index).Append("_en()));\n");
                    break;
                case { IsInputCollection: true } t:
                    calls.Append("                for (var __k = 0; __k < ").Append(t.Id).Append(".Count; __k++) { var __it = ").Append(t.Id)
                         .Append("[__k]; if (__W").Append(index).Append("(__it)) __hits.Add(").Append(hit).Append("); }\n");
                    break;
                case { Type.Kind: TypeKind.Collection } t:
                    var key = t.Type.Key is null ? "__k.ToString(global::System.Globalization.CultureInfo.InvariantCulture)" : "__it." + t.Type.Key;
                    calls.Append("                for (var __k = 0; __k < ").Append(t.Id).Append(".Count; __k++) { var __it = ").Append(t.Id)
                         .Append("[__k]; if (__W").Append(index).Append("(__it)) __hits.Add(").Append(hit).Append(" with { Key = ").Append(key).Append(" }); }\n");
                    break;
                case { } t:
                    calls.Append("                { var __es = ").Append(Support).Append(".Entries(").Append(t.Id).Append("); for (var __k = 0; __k < __es.Length; __k++) { var __it = __es[__k]; if (__W")
                         .Append(index).Append("(__it)) __hits.Add(").Append(hit).Append(" with { Key = __it.ToString() }); } }\n");
                    break;
            }

            calls.Append("                return;\n");
        }

        sb.Append("    public void __Rule(int __i, global::System.Collections.Generic.List<global::RseRules.Core.Runtime.RuleHit> __hits)\n    {\n        switch (__i)\n        {\n");
        sb.Append(calls);
        sb.Append("            default:\n                throw new global::System.ArgumentOutOfRangeException(nameof(__i));\n        }\n    }\n\n");

        // The rules from a position of a list on, in one call (no virtual call per rule), the thread's budget meter read once
        // for all their loops, as the indicators' (__All).
        sb.Append("    public void __Rules(int[] __rules, ref int __k, global::System.Collections.Generic.List<global::RseRules.Core.Runtime.RuleHit> __hits, global::System.Span<int> __ends)\n    {\n        ")
          .Append(MeterField).Append(" = global::RseRules.Core.Runtime.EvaluationBudget.Current;\n");
        sb.Append("        try\n        {\n            for (; __k < __rules.Length; __k++)\n            {\n                __Rule(__rules[__k], __hits);\n                __ends[__k] = __hits.Count;\n            }\n        }\n");
        sb.Append("        finally\n        {\n            ").Append(MeterField).Append(" = null;\n        }\n    }\n");
    }

    private void AppendMessage(RuleDefinition rule, int index, string message, string pointer, string lang)
    {
        // Through TextGuard: the message's length is charged and bounded, its holes' widths and formats checked; the
        // holes of the French message are formatted in French (3,25), the English one's in the invariant culture.
        sb.Append("global::RseRules.Core.Runtime.TextGuard.Interpolate(")
          .Append(lang == "fr" ? "global::RseRules.Core.Diagnostics.Cultures.French" : "global::System.Globalization.CultureInfo.InvariantCulture")
          .Append(", $\"");
        foreach (var part in MessageTemplate.Split(message))
        {
            if (part.IsHole)
            {
                sb.Append('{');
                AppendFormula(FormulaKind.RuleMessageHole, rule.Id, index, part.Text, pointer, part.Offset);
                sb.Append('}');
            }
            else
            {
                foreach (var c in part.Text)
                {
                    sb.Append(c switch
                    {
                        '\\' => "\\\\",
                        '"' => "\\\"",
                        '{' => "{{",
                        '}' => "}}",
                        '\n' => "\\n",
                        '\r' => "\\r",
                        '\t' => "\\t",
                        < ' ' => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
                        _ => c.ToString(),
                    });
                }
            }
        }

        sb.Append("\")");
    }
}
