using System.Globalization;
using System.Text;
using RseRules.Core.Model;

namespace RseRules.Benchmarks.Scripting;

/// <summary>
/// Writes the C# source of a globals class for a method: a class per record or collection item, and a class with one
/// public field per input, parameter and indicator, named by its id and typed as formulas see it (methods/README
/// "Types"), so that a <c>CSharpScript</c> whose globals type it is can evaluate one formula as written in the method.
/// Values are bound from the validated document's neutral values with the engine's public <c>GeneratedSupport</c>
/// conversions. Generated names start with two underscores (method ids cannot).
/// </summary>
public sealed class GlobalsSource
{
    /// <summary>The namespace of the generated types.</summary>
    public const string Namespace = "RseRules.Benchmarks.ScriptGlobals";

    /// <summary>The globals class.</summary>
    public const string GlobalsClass = "__Globals";

    /// <summary>The factory class.</summary>
    public const string FactoryClass = "__GlobalsFactory";

    private const string Support = "global::RseRules.Core.Runtime.GeneratedSupport";
    private const string Dict = "global::System.Collections.Generic.IReadOnlyDictionary";
    private const string ListT = "global::System.Collections.Generic.IReadOnlyList";

    private readonly MethodDefinition method;
    private readonly StringBuilder types = new();
    private readonly Dictionary<string, string> classes = new(StringComparer.Ordinal);
    private int lambdas;

    public GlobalsSource(MethodDefinition method) => this.method = method ?? throw new ArgumentNullException(nameof(method));

    /// <summary>The C# type an indicator's value has (what its script's typed local is declared as).</summary>
    public string IndicatorType(IndicatorDefinition indicator)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        return CsType(indicator.Type, indicator.Id, indicator.Type.Nullable);
    }

    /// <summary>The whole source file.</summary>
    public string Generate()
    {
        foreach (var input in method.Inputs)
        {
            DeclareTypes(input.Type, input.Id);
        }

        var sb = new StringBuilder();
        sb.Append("#nullable disable\nnamespace ").Append(Namespace).Append(";\n\n").Append(types);
        sb.Append("public sealed class ").Append(GlobalsClass).Append(" : global::RseRules.Benchmarks.Scripting.IScriptGlobals\n{\n");
        foreach (var input in method.Inputs)
        {
            sb.Append("    public ").Append(CsType(input.Type, input.Id, Optional(input))).Append(' ').Append(input.Id).Append(";\n");
        }

        foreach (var p in method.Parameters)
        {
            sb.Append("    public ").Append(CsType(p.Type, p.Id, false)).Append(' ').Append(p.Id).Append(";\n");
        }

        foreach (var ind in method.Indicators)
        {
            sb.Append("    public ").Append(IndicatorType(ind)).Append(' ').Append(ind.Id).Append(";\n");
        }

        sb.Append("\n    public ").Append(GlobalsClass).Append('(').Append(Dict).Append("<string, object> __in, ").Append(Dict).Append("<string, object> __par)\n    {\n");
        foreach (var input in method.Inputs)
        {
            sb.Append("        ").Append(input.Id).Append(" = ").Append(Convert(input.Type, input.Id, Optional(input), $"{Support}.Get(__in, \"{input.Id}\")")).Append(";\n");
        }

        foreach (var p in method.Parameters)
        {
            sb.Append("        ").Append(p.Id).Append(" = ").Append(Convert(p.Type, p.Id, false, $"{Support}.Get(__par, \"{p.Id}\")")).Append(";\n");
        }

        sb.Append("    }\n\n    public void Set(int __i, object __v)\n    {\n        switch (__i)\n        {\n");
        for (var i = 0; i < method.Indicators.Count; i++)
        {
            var ind = method.Indicators[i];
            sb.Append("            case ").Append(i.ToString(CultureInfo.InvariantCulture)).Append(": ").Append(ind.Id).Append(" = (").Append(IndicatorType(ind)).Append(")__v; return;\n");
        }

        sb.Append("            default: throw new global::System.ArgumentOutOfRangeException(nameof(__i));\n        }\n    }\n\n");
        sb.Append("    public object Get(int __i) => __i switch\n    {\n");
        for (var i = 0; i < method.Indicators.Count; i++)
        {
            sb.Append("        ").Append(i.ToString(CultureInfo.InvariantCulture)).Append(" => ").Append(method.Indicators[i].Id).Append(",\n");
        }

        sb.Append("        _ => throw new global::System.ArgumentOutOfRangeException(nameof(__i)),\n    };\n}\n\n");
        sb.Append("public sealed class ").Append(FactoryClass).Append(" : global::RseRules.Benchmarks.Scripting.IScriptGlobalsFactory\n{\n");
        sb.Append("    public global::RseRules.Benchmarks.Scripting.IScriptGlobals Create(").Append(Dict).Append("<string, object> inputs, ").Append(Dict)
          .Append("<string, object> parameters) => new ").Append(GlobalsClass).Append("(inputs, parameters);\n}\n");
        return sb.ToString();
    }

    private static bool Optional(Declaration d) => !d.Required && d.Default is null;

    private static string ClassName(string path) => "__" + string.Join("_", path.Split('.'));

    private void DeclareTypes(TypeSpec type, string path)
    {
        switch (type.Kind)
        {
            case TypeKind.Record:
            case TypeKind.Collection:
                var name = ClassName(path);
                classes[path] = name;
                foreach (var f in type.Fields)
                {
                    DeclareTypes(f.Type, path + "." + f.Id);
                }

                types.Append("public sealed class ").Append(name).Append("\n{\n");
                foreach (var f in type.Fields)
                {
                    types.Append("    public ").Append(CsType(f.Type, path + "." + f.Id, Optional(f))).Append(' ').Append(f.Id).Append(";\n");
                }

                types.Append("    public ").Append(name).Append('(').Append(Dict).Append("<string, object> __d)\n    {\n");
                foreach (var f in type.Fields)
                {
                    types.Append("        ").Append(f.Id).Append(" = ").Append(Convert(f.Type, path + "." + f.Id, Optional(f), $"{Support}.Get(__d, \"{f.Id}\")")).Append(";\n");
                }

                types.Append("    }\n}\n\n");
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

    private string CsType(TypeSpec type, string path, bool nullable)
    {
        var q = nullable ? "?" : string.Empty;
        return type.Kind switch
        {
            TypeKind.Number => "double" + q,
            TypeKind.Integer or TypeKind.Scale => "long" + q,
            TypeKind.Boolean => "bool" + q,
            TypeKind.Text or TypeKind.Enum => "string",
            TypeKind.Localized => "global::RseRules.Core.Model.LocalizedText",
            TypeKind.Series => ListT + "<double>",
            TypeKind.List => ListT + "<" + CsType(type.Of!, path, false) + ">",
            TypeKind.Record => classes.GetValueOrDefault(path, "object"),
            TypeKind.Collection => ListT + "<" + classes.GetValueOrDefault(path, "object") + ">",
            TypeKind.Map => Dict + "<" + (type.HasIntegerKeys ? "long" : "string") + ", " + CsType(type.Of!, path, false) + ">",
            _ => "object",
        };
    }

    private string Convert(TypeSpec type, string path, bool nullable, string source)
    {
        var n = nullable ? "N" : string.Empty;
        switch (type.Kind)
        {
            case TypeKind.Number:
                return $"{Support}.Num{n}({source})";
            case TypeKind.Integer:
            case TypeKind.Scale:
                return $"{Support}.Int{n}({source})";
            case TypeKind.Boolean:
                return $"{Support}.Bool{n}({source})";
            case TypeKind.Text:
            case TypeKind.Enum:
                return $"{Support}.Str({source})";
            case TypeKind.Series:
                return $"{Support}.Nums({source})";
            case TypeKind.Localized:
                return $"(global::RseRules.Core.Model.LocalizedText)({source})";
            case TypeKind.Record:
                return $"({source}) is null ? null : new {classes[path]}({Support}.Obj({source}))";
            case TypeKind.Collection:
                {
                    var v = "__e" + (lambdas++).ToString(CultureInfo.InvariantCulture);
                    return $"{Support}.List({source}, {v} => new {classes[path]}({Support}.Obj({v})))";
                }

            case TypeKind.List:
            case TypeKind.Map:
                {
                    var v = "__e" + (lambdas++).ToString(CultureInfo.InvariantCulture);
                    var element = Convert(type.Of!, path, false, v);
                    var helper = type.Kind == TypeKind.List ? "List" : type.HasIntegerKeys ? "IntMap" : "Map";
                    return $"{Support}.{helper}({source}, {v} => {element})";
                }

            default:
                return "default";
        }
    }
}
