using System.Globalization;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using RseRules.Core.Diagnostics;
using RseRules.Core.Model;
using RseRules.Core.Runtime;
using RoslynDiagnostic = Microsoft.CodeAnalysis.Diagnostic;

namespace RseRules.Core.Compilation;

/// <summary>
/// Compiles all the formulas of a method together, once: each formula is parsed on its own (one complete
/// expression, no directives), the method becomes one generated C# file, Roslyn compiles it with minimal
/// references and no resolvers, the sandbox checks every formula against the compilation, dependencies are
/// read from what the formulas bind to, and only then is the assembly emitted and loaded in a collectible
/// <see cref="AssemblyLoadContext"/>.
/// </summary>
public static class MethodCompiler
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, DocumentationMode.None, SourceCodeKind.Regular);

    private static readonly Lazy<List<MetadataReference>> References = new(LoadReferences);

    /// <summary>Compiles a validated method. Never throws for a user error: problems come back as diagnostics.</summary>
    public static CompileResult Compile(MethodDefinition method)
    {
        ArgumentNullException.ThrowIfNull(method);
        var diagnostics = new List<Diagnostics.Diagnostic>();

        // 1. Every user-written expression on its own.
        var parsed = new Dictionary<string, (int RelStart, int Length)>(StringComparer.Ordinal);
        var skipped = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (text, pointer, offset, isHole) in UserExpressions(method))
        {
            var key = pointer + "#" + offset.ToString(CultureInfo.InvariantCulture);
            var result = ParseStandalone(method, text, pointer, offset, isHole, diagnostics);
            if (result is null)
            {
                skipped.Add(key);
            }
            else
            {
                parsed[key] = result.Value;
            }
        }

        // 2. One generated file, one compilation.
        var generated = new CodeGenerator(method, skipped).Generate();
        var tree = CSharpSyntaxTree.ParseText(generated.Text, ParseOptions, path: "method.g.cs");
        var compilation = CSharpCompilation.Create(
            "RseRules.Generated." + method.Sha256[..16],
            [tree],
            References.Value,
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                optimizationLevel: OptimizationLevel.Release,
                checkOverflow: true,
                allowUnsafe: false,
                deterministic: true,
                nullableContextOptions: NullableContextOptions.Disable,
                metadataReferenceResolver: null,
                sourceReferenceResolver: null,
                xmlReferenceResolver: null,
                strongNameProvider: null));

        foreach (var d in compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error))
        {
            diagnostics.Add(MapRoslyn(method, generated, d));
        }

        // 3. The sandbox, on what each expression binds to; 4. dependencies.
        var model = compilation.GetSemanticModel(tree);
        var root = tree.GetRoot();
        var indicatorIds = method.Indicators.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
        var namedIds = method.Inputs.Select(i => i.Id).Concat(method.Parameters.Select(p => p.Id)).Concat(indicatorIds).ToHashSet(StringComparer.Ordinal);
        var indicatorReads = method.Indicators.Select(_ => new List<string>()).ToArray();
        var ruleReads = method.Rules.Select(_ => new List<string>()).ToArray();
        foreach (var span in generated.Spans)
        {
            var key = span.MethodPointer + "#" + span.StringOffset.ToString(CultureInfo.InvariantCulture);
            var (relStart, length) = parsed[key];
            var node = root.FindNode(new TextSpan(span.Start + relStart, length), getInnermostNodeForTie: false);
            // One diagnostic per offending expression: the walk is outermost first, so `System.IO.File.Exists(p)` is
            // reported once, at the call, not again at `File` and `Exists`.
            var reported = new List<TextSpan>();
            foreach (var (where, code, message) in Sandbox.CheckSemantics(node, model))
            {
                if (reported.Any(r => r.Contains(where.SourceSpan) || where.SourceSpan.Contains(r)))
                {
                    continue;
                }

                reported.Add(where.SourceSpan);
                var shown = root.FindNode(where.SourceSpan, getInnermostNodeForTie: false) switch
                {
                    InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } => access.Name.SpanStart, // at `Replace` in "a".Replace(…)
                    MemberAccessExpressionSyntax access => access.Name.SpanStart,
                    _ => where.SourceSpan.Start,
                };
                diagnostics.Add(At(method, span, shown - span.Start, code == "member" ? DiagnosticCode.ForbiddenMember : DiagnosticCode.ForbiddenConstruct, message));
            }

            var reads = span.Kind == FormulaKind.Indicator ? indicatorReads[span.OwnerIndex] : ruleReads[span.OwnerIndex];
            foreach (var id in node.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>())
            {
                if (model.GetSymbolInfo(id).Symbol is IPropertySymbol p && p.ContainingType.Name == CodeGenerator.ModelClass
                    && namedIds.Contains(p.Name) && !reads.Contains(p.Name))
                {
                    reads.Add(p.Name);
                }
            }
        }

        for (var r = 0; r < method.Rules.Count; r++)
        {
            var rule = method.Rules[r];
            if (rule.Severity == Severity.Error && ruleReads[r].FirstOrDefault(indicatorIds.Contains) is { } read)
            {
                diagnostics.Add(method.Source.At(rule.Pointer + "/when", DiagnosticCode.InputCheckReadsIndicator,
                    $"Input check '{rule.Id}' reads indicator '{read}'; a rule of severity 'error' may read inputs and parameters only."));
            }
        }

        var order = Order(method, indicatorReads, diagnostics);
        if (diagnostics.Any(d => d.Severity == Severity.Error) || order is null)
        {
            return new CompileResult(null, diagnostics);
        }

        // 5. Emit and load.
        using var stream = new MemoryStream();
        var emit = compilation.Emit(stream);
        if (!emit.Success)
        {
            diagnostics.AddRange(emit.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => MapRoslyn(method, generated, d)));
            return new CompileResult(null, diagnostics);
        }

        stream.Position = 0;
        var context = new AssemblyLoadContext(compilation.AssemblyName, isCollectible: true);
        var assembly = context.LoadFromStream(stream);
        var factoryType = assembly.GetType(CodeGenerator.Namespace + "." + CodeGenerator.FactoryClass, throwOnError: true)!;
        var factory = (CompiledModelFactory)Activator.CreateInstance(factoryType)!;
        var compiled = new CompiledMethod(method, context, factory, order, indicatorReads, generated.Text);
        return new CompileResult(compiled, diagnostics);
    }

    private static IEnumerable<(string Text, string Pointer, int Offset, bool IsHole)> UserExpressions(MethodDefinition method)
    {
        foreach (var ind in method.Indicators)
        {
            yield return (ind.Formula, ind.Pointer + "/formula", 0, false);
        }

        foreach (var rule in method.Rules)
        {
            yield return (rule.When, rule.Pointer + "/when", 0, false);
            foreach (var (lang, message) in new[] { ("fr", rule.Message.Fr), ("en", rule.Message.En) })
            {
                foreach (var part in MessageTemplate.Split(message).Where(p => p.IsHole))
                {
                    yield return (part.Text, rule.Pointer + "/message/" + lang, part.Offset, true);
                }
            }
        }
    }

    /// <summary>Parses one expression alone; returns where the expression sits in its text, or null (with diagnostics).</summary>
    private static (int RelStart, int Length)? ParseStandalone(MethodDefinition method, string text, string pointer, int offset, bool isHole, List<Diagnostics.Diagnostic> diagnostics)
    {
        var (source, local) = method.Source.Resolve(pointer);
        Diagnostics.Diagnostic At(int index, DiagnosticCode code, string message)
        {
            var pos = source.PositionInString(local, offset + Math.Max(0, index));
            return new Diagnostics.Diagnostic(code, Severity.Error, message, source.Path, pos.Line, pos.Column, local);
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            diagnostics.Add(At(0, DiagnosticCode.FormulaSyntax, isHole ? "An empty {} hole in a message (write {{ for a literal brace)." : "The formula is empty."));
            return null;
        }

        if (text.Length > Sandbox.MaxFormulaLength)
        {
            diagnostics.Add(At(0, DiagnosticCode.FormulaTooComplex, $"The formula is {text.Length} characters long; at most {Sandbox.MaxFormulaLength} are accepted."));
            return null;
        }

        var prefix = isHole ? "$\"{" : string.Empty;
        var wrapped = isHole ? prefix + text + "}\"" : text;
        ExpressionSyntax expression;
        try
        {
            expression = SyntaxFactory.ParseExpression(wrapped, 0, ParseOptions, consumeFullText: true);
        }
        catch (InsufficientExecutionStackException)
        {
            diagnostics.Add(At(0, DiagnosticCode.FormulaTooComplex, "The formula is nested too deeply."));
            return null;
        }

        var failed = false;
        foreach (var trivia in expression.DescendantTrivia(descendIntoTrivia: true).Where(t => t.IsDirective || t.IsKind(SyntaxKind.BadDirectiveTrivia) || t.IsKind(SyntaxKind.PreprocessingMessageTrivia) || t.IsKind(SyntaxKind.DisabledTextTrivia)))
        {
            diagnostics.Add(At(trivia.SpanStart - prefix.Length, DiagnosticCode.PreprocessorDirective, $"Preprocessor directives ('{trivia.ToString().Trim()}') are not allowed in a formula."));
            failed = true;
        }

        if (failed)
        {
            return null;
        }

        foreach (var d in expression.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error))
        {
            diagnostics.Add(At(d.Location.SourceSpan.Start - prefix.Length, DiagnosticCode.FormulaSyntax, $"{d.GetMessage(CultureInfo.InvariantCulture)} ({d.Id})"));
            failed = true;
        }

        if (failed)
        {
            return null;
        }

        if (Depth(expression) > Sandbox.MaxDepth)
        {
            diagnostics.Add(At(0, DiagnosticCode.FormulaTooComplex, $"The formula is nested more than {Sandbox.MaxDepth} levels deep."));
            return null;
        }

        if (isHole)
        {
            if (expression is not InterpolatedStringExpressionSyntax { Contents: [InterpolationSyntax interpolation] })
            {
                diagnostics.Add(At(0, DiagnosticCode.FormulaSyntax, "A message hole must hold exactly one expression."));
                return null;
            }

            expression = interpolation.Expression;
        }

        foreach (var (where, _, message) in Sandbox.CheckSyntax(expression))
        {
            diagnostics.Add(At(where.SourceSpan.Start - prefix.Length, DiagnosticCode.ForbiddenConstruct, message));
            failed = true;
        }

        return failed ? null : (expression.SpanStart - prefix.Length, expression.Span.Length);
    }

    private static int Depth(SyntaxNode root)
    {
        var max = 0;
        var stack = new Stack<(SyntaxNode Node, int Depth)>();
        stack.Push((root, 1));
        while (stack.Count > 0)
        {
            var (node, depth) = stack.Pop();
            max = Math.Max(max, depth);
            foreach (var child in node.ChildNodes())
            {
                stack.Push((child, depth + 1));
            }
        }

        return max;
    }

    private static Diagnostics.Diagnostic At(MethodDefinition method, FormulaSpan span, int index, DiagnosticCode code, string message)
    {
        var (source, pointer) = method.Source.Resolve(span.MethodPointer);
        var pos = source.PositionInString(pointer, span.StringOffset + Math.Clamp(index, 0, span.Text.Length));
        var owner = span.Kind == FormulaKind.Indicator ? "indicator" : "rule";
        return new Diagnostics.Diagnostic(code, Severity.Error, $"{message} (in {owner} '{span.OwnerId}')", source.Path, pos.Line, pos.Column, pointer);
    }

    private static Diagnostics.Diagnostic MapRoslyn(MethodDefinition method, GeneratedSource generated, RoslynDiagnostic d)
    {
        var start = d.Location.SourceSpan.Start;
        var message = $"{d.GetMessage(CultureInfo.InvariantCulture)} ({d.Id})";
        var span = generated.Spans.FirstOrDefault(s => start >= s.Start && start <= s.End)
            ?? generated.Spans.LastOrDefault(s => s.Start <= start && start - s.End < 40);
        if (span is not null)
        {
            return At(method, span, start - span.Start, DiagnosticCode.FormulaCompile, message);
        }

        var line = d.Location.GetLineSpan().StartLinePosition;
        return new Diagnostics.Diagnostic(DiagnosticCode.FormulaCompile, Severity.Error,
            $"Generated code does not compile at method.g.cs({line.Line + 1},{line.Character + 1}): {message}", method.Source.Path);
    }

    /// <summary>Topological order of the indicators (declaration order among independent ones); null after reporting cycles.</summary>
    private static int[]? Order(MethodDefinition method, List<string>[] reads, List<Diagnostics.Diagnostic> diagnostics)
    {
        var index = method.Indicators.Select((ind, i) => (ind.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var deps = reads.Select(r => r.Where(index.ContainsKey).Select(id => index[id]).ToArray()).ToArray();
        var state = new int[deps.Length]; // 0 new, 1 on stack, 2 done
        var order = new List<int>();
        var path = new List<int>();
        var cycles = new HashSet<string>(StringComparer.Ordinal);

        void Visit(int i)
        {
            state[i] = 1;
            path.Add(i);
            foreach (var d in deps[i])
            {
                if (state[d] == 1)
                {
                    var cycle = path.Skip(path.IndexOf(d)).Append(d).Select(x => method.Indicators[x].Id).ToArray();
                    var canonical = string.Join(",", cycle.Skip(1).Order(StringComparer.Ordinal));
                    if (cycles.Add(canonical))
                    {
                        var first = method.Indicators[d];
                        diagnostics.Add(method.Source.At(first.Pointer + "/formula", DiagnosticCode.DependencyCycle,
                            "Indicators depend on each other in a cycle: " + string.Join(" → ", cycle) + "."));
                    }
                }
                else if (state[d] == 0)
                {
                    Visit(d);
                }
            }

            path.RemoveAt(path.Count - 1);
            state[i] = 2;
            order.Add(i);
        }

        for (var i = 0; i < deps.Length; i++)
        {
            if (state[i] == 0)
            {
                Visit(i);
            }
        }

        return cycles.Count > 0 ? null : [.. order];
    }

    private static List<MetadataReference> LoadReferences()
    {
        var wanted = new[] { "System.Private.CoreLib", "System.Runtime", "System.Linq", "System.Collections" };
        var tpa = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? string.Empty).Split(Path.PathSeparator);
        var refs = tpa.Where(p => wanted.Contains(Path.GetFileNameWithoutExtension(p), StringComparer.OrdinalIgnoreCase))
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToList();
        refs.Add(MetadataReference.CreateFromFile(typeof(Fn).Assembly.Location));
        return refs;
    }
}
