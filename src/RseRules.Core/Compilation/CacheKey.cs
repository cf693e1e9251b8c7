using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using RseRules.Core.Evaluation;
using RseRules.Core.Model;

namespace RseRules.Core.Compilation;

/// <summary>
/// The key of a compiled-method cache entry: everything the emitted assembly, the evaluation order and the reads per
/// indicator depend on. This is the only place where it is derived. The key is the lower-case hex SHA-256 of the
/// UTF-8 text built by <see cref="Text"/>, one <c>name value</c> line each:
/// <code>
/// rse-compiled-method-cache/1             format of the key and of the entry (bumped when either changes)
/// method &lt;sha256&gt;                         the method's canonical SHA-256 (MethodDefinition.Sha256)
/// base &lt;id@version&gt; &lt;sha256&gt;             one line per base of an overlay, nearest first (MethodDefinition.Bases)
/// engine &lt;version&gt;                        EvaluationRecord.EngineVersion
/// engine-build &lt;mvid&gt;                     the engine assembly's module version id: deterministic builds derive it
///                                         from the assembly's content, so any change to the engine (helper
///                                         library, sandbox, code generator) invalidates the cache even when
///                                         the version number stays the same
/// roslyn &lt;version&gt;                        the C# compiler's informational version
/// runtime &lt;version&gt;                       the .NET runtime version (the compilation references its assemblies)
/// source &lt;sha256&gt;                         SHA-256 of the generated C# source text (UTF-8)
/// lowering off                            only when the formulas' queries are not lowered into loops
///                                         (CompileOptions.LowerQueries false): the assembly differs
/// </code>
/// The generated source already holds every formula, type and name the assembly is compiled from; the method hash
/// and the bases' hashes make the key change with any change of the method files, even one the source does not show.
/// </summary>
/// <param name="MethodSha256">The method's canonical SHA-256.</param>
/// <param name="Bases">For an overlay, its bases and their hashes, nearest first.</param>
/// <param name="EngineVersion">The engine's version.</param>
/// <param name="EngineBuild">The engine assembly's module version id.</param>
/// <param name="RoslynVersion">The C# compiler's version.</param>
/// <param name="RuntimeVersion">The .NET runtime's version.</param>
/// <param name="SourceSha256">SHA-256 of the generated source.</param>
/// <param name="LowerQueries">Whether the formulas' queries are lowered into loops.</param>
internal sealed record CacheKey(
    string MethodSha256,
    IReadOnlyList<MethodReference> Bases,
    string EngineVersion,
    string EngineBuild,
    string RoslynVersion,
    string RuntimeVersion,
    string SourceSha256,
    bool LowerQueries = true)
{
    /// <summary>The first line of the key text; also written at the head of every entry.</summary>
    public const string Format = "rse-compiled-method-cache/1";

    private static readonly string CurrentEngineBuild = typeof(CacheKey).Module.ModuleVersionId.ToString("N");

    private static readonly Lazy<string> CurrentRoslynVersion = new(() =>
    {
        // By name, not through one of its types: loading CSharpCompilation would load the rest of Roslyn too.
        var name = typeof(CacheKey).Assembly.GetReferencedAssemblies().First(a => a.Name == "Microsoft.CodeAnalysis.CSharp");
        var assembly = Assembly.Load(name);
        return assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString() ?? "unknown";
    });

    /// <summary>The text the key is the hash of.</summary>
    public string Text
    {
        get
        {
            var sb = new StringBuilder();
            sb.Append(Format).Append('\n');
            sb.Append("method ").Append(MethodSha256).Append('\n');
            foreach (var b in Bases)
            {
                sb.Append("base ").Append(b.Reference).Append(' ').Append(b.Sha256).Append('\n');
            }

            sb.Append("engine ").Append(EngineVersion).Append('\n');
            sb.Append("engine-build ").Append(EngineBuild).Append('\n');
            sb.Append("roslyn ").Append(RoslynVersion).Append('\n');
            sb.Append("runtime ").Append(RuntimeVersion).Append('\n');
            sb.Append("source ").Append(SourceSha256).Append('\n');
            if (!LowerQueries)
            {
                sb.Append("lowering off\n");
            }

            return sb.ToString();
        }
    }

    /// <summary>The key: lower-case hex SHA-256 of <see cref="Text"/> (also the entry's file name).</summary>
    public string Value => Sha256(Encoding.UTF8.GetBytes(Text));

    /// <summary>The key of a method compiled from a generated source by this engine, compiler and runtime.</summary>
    public static CacheKey For(MethodDefinition method, string generatedSource, bool lowerQueries = true)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(generatedSource);
        return new CacheKey(
            method.Sha256,
            method.Bases,
            EvaluationRecord.EngineVersion,
            CurrentEngineBuild,
            CurrentRoslynVersion.Value,
            Environment.Version.ToString(),
            Sha256(Encoding.UTF8.GetBytes(generatedSource)),
            lowerQueries);
    }

    /// <summary>Lower-case hex SHA-256.</summary>
    public static string Sha256(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <inheritdoc/>
    public override string ToString() => Value;
}
