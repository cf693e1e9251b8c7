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
/// <see cref="AssemblyLoadContext"/>. The emitted assembly, the order and the reads are kept in the compiled-method cache
/// (<see cref="CompiledMethodCache"/>, keyed by <see cref="CacheKey"/>): a later compilation of the same method loads
/// them from there, checked, without Roslyn.
/// </summary>
public static class MethodCompiler
{
    // No static field is initialized inline: a method loaded from the compiled-method cache must not run (or even JIT)
    // any of Roslyn, which a static constructor creating Roslyn objects would.
    private static CSharpParseOptions? parseOptions;

    private static List<MetadataReference>? references;

    [ThreadStatic]
    private static int roslynCompilations;

    private static CSharpParseOptions ParseOptions =>
        LazyInitializer.EnsureInitialized(ref parseOptions, () => new CSharpParseOptions(LanguageVersion.Latest, DocumentationMode.None, SourceCodeKind.Regular));

    private static List<MetadataReference> References => LazyInitializer.EnsureInitialized(ref references, LoadReferences);

    /// <summary>How many Roslyn compilations ran on the calling thread (compilation is synchronous): lets tests see that a
    /// method loaded from the cache did not involve Roslyn.</summary>
    internal static int RoslynCompilationsOnThisThread => roslynCompilations;

    /// <summary>Compiles a validated method with <see cref="CompileOptions.Default"/> (the cache on).</summary>
    public static CompileResult Compile(MethodDefinition method) => Compile(method, CompileOptions.Default);

    /// <summary>
    /// Compiles a validated method. Never throws for a user error: problems come back as diagnostics. With the cache on,
    /// a method compiled before (same <see cref="CacheKey"/>) is loaded from its verified entry without running Roslyn
    /// (<see cref="CompileResult.FromCache"/>); a method that compiles without any diagnostic is stored. A cache entry
    /// that cannot be trusted is reported as a warning, deleted and rebuilt.
    /// </summary>
    public static CompileResult Compile(MethodDefinition method, CompileOptions options)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(options);

        // The source as it is when every expression parses, which is the case of every method that compiles (hence of
        // every cached one). Generating it needs no Roslyn.
        var generated = new CodeGenerator(method, new HashSet<string>(StringComparer.Ordinal)).Generate();
        var directory = CompiledMethodCache.Directory(options);
        if (directory is null)
        {
            return CompileWithRoslyn(method, generated, options, out _);
        }

        var key = CacheKey.For(method, generated.Text, options.LowerQueries).Value;
        var path = CompiledMethodCache.EntryPath(directory, key);
        // The pool mirrors the cache folder: it serves a method only while the folder holds its entry (a cleared or
        // another cache folder gets its entries written again).
        if (options.Pool is { } pool && File.Exists(path) && pool.Get(key, method) is { } pooled)
        {
            CompiledMethodCache.MarkUsed(path);
            return new CompileResult(pooled, []) { FromCache = true, CacheEntry = path };
        }

        var warnings = new List<Diagnostics.Diagnostic>();
        if (CompiledMethodCache.TryRead(path, key, warnings) is { } entry)
        {
            var loaded = TryLoad(method, entry, generated.Text, out var problem);
            if (loaded is not null)
            {
                CompiledMethodCache.MarkUsed(path);
                return new CompileResult(Pool(options, key, loaded), warnings) { FromCache = true, CacheEntry = path };
            }

            CompiledMethodCache.Discard(path, problem, warnings);
        }

        var compiled = CompileWithRoslyn(method, generated, options, out var image);
        string? written = null;
        if (compiled.Method is { } m && image is not null && compiled.Diagnostics.Count == 0)
        {
            written = CompiledMethodCache.Write(directory, new CacheEntry(key, method.Reference, AssemblyName(method), image, m.EvaluationOrder, m.Reads), warnings);
            compiled = compiled with { Method = Pool(options, key, m) };
        }

        return compiled with { Diagnostics = [.. warnings, .. compiled.Diagnostics], CacheEntry = written };
    }

    /// <summary>The method kept in the options' pool (a share of it), or the method itself when there is none.</summary>
    private static CompiledMethod Pool(CompileOptions options, string key, CompiledMethod compiled) =>
        options.Pool is { } pool ? pool.Add(key, compiled) : compiled;

    /// <summary>The name of a method's emitted assembly (and of its load context).</summary>
    private static string AssemblyName(MethodDefinition method) => "RseRules.Generated." + method.Sha256[..16];

    /// <summary>Loads a cache entry that passed its integrity check, after checking it against the method; null (and why) when it does not fit.</summary>
    private static CompiledMethod? TryLoad(MethodDefinition method, CacheEntry entry, string source, out string problem)
    {
        var count = method.Indicators.Count;
        var names = method.Inputs.Select(i => i.Id).Concat(method.Parameters.Select(p => p.Id)).Concat(method.Indicators.Select(i => i.Id)).ToHashSet(StringComparer.Ordinal);
        problem = entry.AssemblyName != AssemblyName(method) ? $"its assembly is named {entry.AssemblyName}, not {AssemblyName(method)}"
            : entry.Order.Count != count || !entry.Order.Order().SequenceEqual(Enumerable.Range(0, count)) ? $"its evaluation order is not one of the method's {count} indicators"
            : entry.Reads.Count != count || !entry.Reads.All(r => r.All(names.Contains)) ? "its reads per indicator do not fit the method"
            : string.Empty;
        if (problem.Length > 0)
        {
            return null;
        }

        try
        {
            return Load(method, entry.AssemblyName, entry.Image, entry.Order, entry.Reads, source);
        }
        catch (Exception ex) when (ex is BadImageFormatException or FileLoadException or TypeLoadException or MissingMemberException
            or InvalidCastException or TargetInvocationException)
        {
            problem = "its assembly does not load: " + ex.Message;
            return null;
        }
    }

    /// <summary>Loads an emitted assembly in its own collectible load context.</summary>
    private static CompiledMethod Load(MethodDefinition method, string assemblyName, ReadOnlyMemory<byte> image, IReadOnlyList<int> order,
        IReadOnlyList<IReadOnlyList<string>> reads, string source)
    {
        var context = new AssemblyLoadContext(assemblyName, isCollectible: true);
        try
        {
            using var stream = new MemoryStream(image.ToArray(), writable: false);
            var assembly = context.LoadFromStream(stream);
            var factoryType = assembly.GetType(CodeGenerator.Namespace + "." + CodeGenerator.FactoryClass, throwOnError: true)!;
            var factory = (CompiledModelFactory)Activator.CreateInstance(factoryType)!;
            return new CompiledMethod(method, context, factory, order, reads, source);
        }
        catch
        {
            context.Unload();
            throw;
        }
    }

    /// <summary>The whole compilation: standalone parse, one Roslyn compilation, sandbox, dependencies, emit, load.</summary>
    /// <param name="method">The method.</param>
    /// <param name="unskipped">The source generated with no expression skipped.</param>
    /// <param name="options">The compiler's time and memory limits.</param>
    /// <param name="image">The emitted assembly when the method compiled, else null.</param>
    private static CompileResult CompileWithRoslyn(MethodDefinition method, GeneratedSource unskipped, CompileOptions options, out byte[]? image)
    {
        image = null;
        roslynCompilations++;
        var diagnostics = new List<Diagnostics.Diagnostic>();
        using var guard = new CompilationGuard(options.TimeLimit, options.MemoryLimit);
        try
        {
            return CompileWithRoslyn(method, unskipped, diagnostics, guard, options.LowerQueries, out image);
        }
        catch (OperationCanceledException) when (guard.Token.IsCancellationRequested)
        {
            image = null;
            diagnostics.Add(method.Source.At(method.Indicators.Count > 0 ? "/indicators" : string.Empty, DiagnosticCode.CompilationLimitExceeded,
                guard.Reason + " Nothing was emitted: simplify the heaviest formulas (nested lambdas, long queries) or split the method."));
            return new CompileResult(null, diagnostics);
        }
    }

    private static CompileResult CompileWithRoslyn(MethodDefinition method, GeneratedSource unskipped, List<Diagnostics.Diagnostic> diagnostics,
        CompilationGuard guard, bool lowerQueries, out byte[]? image)
    {
        image = null;
        var cancellation = guard.Token;

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
        var generated = skipped.Count == 0 ? unskipped : new CodeGenerator(method, skipped).Generate();
        var tree = CSharpSyntaxTree.ParseText(generated.Text, ParseOptions, path: "method.g.cs");
        var compilation = CSharpCompilation.Create(
            AssemblyName(method),
            [tree],
            References,
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

        foreach (var d in compilation.GetDiagnostics(cancellation).Where(d => d.Severity == DiagnosticSeverity.Error))
        {
            diagnostics.Add(MapRoslyn(method, generated, d));
        }

        // 3. The sandbox, on what each expression binds to; 4. dependencies.
        guard.ThrowIfOver();
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
            foreach (var (where, code, message) in Sandbox.CheckSemantics(node, model, cancellation))
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
                diagnostics.Add(At(method, span, shown - span.Start,
                    code switch { "member" => DiagnosticCode.ForbiddenMember, "complex" => DiagnosticCode.FormulaTooComplex, _ => DiagnosticCode.ForbiddenConstruct }, message));
            }

            FormulaChecks.Check(method, span, node, model, (index, code, message, severity) =>
                diagnostics.Add(At(method, span, index, code, message) with { Severity = severity }), cancellation);

            var reads = span.Kind == FormulaKind.Indicator ? indicatorReads[span.OwnerIndex] : ruleReads[span.OwnerIndex];
            foreach (var id in node.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>())
            {
                if (model.GetSymbolInfo(id, cancellation).Symbol is IPropertySymbol p && p.ContainingType.Name == CodeGenerator.ModelClass
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

        // 5. What the formulas were checked as, rewritten for what they cost (FormulaRewriter) and their queries lowered into
        // loops (FormulaLowering), emitted and loaded. Lowering is an optimisation: should the lowered code fail to emit (a
        // bug of the engine), the method is emitted with its queries as written.
        guard.ThrowIfOver();
        var lowering = lowerQueries ? new FormulaLowering(model, (CSharpParseOptions)tree.Options, cancellation) : null;
        CSharpCompilation emitted;
        SyntaxNode rewritten;
        string? loweringProblem = null;
        try
        {
            (emitted, rewritten) = Rewrite(compilation, tree, model, generated, lowering, cancellation);
        }
        catch (InvalidOperationException ex) when (lowering is not null)
        {
            // A loop the lowering wrote does not parse (a bug of the engine): the queries stay as written.
            loweringProblem = ex.Message;
            lowering = null;
            (emitted, rewritten) = Rewrite(compilation, tree, model, generated, null, cancellation);
        }

        var stream = new MemoryStream();
        var emit = emitted.Emit(stream, cancellationToken: cancellation);
        if (!emit.Success && lowering is { Methods.Count: > 0 })
        {
            loweringProblem = string.Join("\n", emit.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(5));
            lowering = null;
            (emitted, rewritten) = Rewrite(compilation, tree, model, generated, null, cancellation);
            stream.Dispose();
            stream = new MemoryStream();
            emit = emitted.Emit(stream, cancellationToken: cancellation);
        }

        using var disposeStream = stream;
        if (!emit.Success)
        {
            diagnostics.AddRange(emit.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => ReferenceEquals(emitted, compilation)
                ? MapRoslyn(method, generated, d)
                : new Diagnostics.Diagnostic(DiagnosticCode.FormulaCompile, Severity.Error,
                    $"The engine could not emit the method after adding its run-time checks (a bug of the engine: please report it): {d.GetMessage(CultureInfo.InvariantCulture)} ({d.Id})",
                    method.Source.Path)));
            return new CompileResult(null, diagnostics);
        }

        guard.ThrowIfOver();
        var bytes = stream.ToArray();
        var compiled = Load(method, AssemblyName(method), bytes, order, indicatorReads, generated.Text);
        compiled.LoweredQueries = lowering?.Queries ?? 0;
        compiled.LoweringProblem = loweringProblem;
        compiled.EmittedSource = rewritten.ToFullString();
        image = skipped.Count == 0 ? bytes : null;
        return new CompileResult(compiled, diagnostics);
    }

    /// <summary>The compilation to emit: the formulas rewritten (<see cref="FormulaRewriter"/>), their queries lowered when a
    /// lowering is given; and the rewritten tree's root.</summary>
    private static (CSharpCompilation Compilation, SyntaxNode Root) Rewrite(CSharpCompilation compilation, SyntaxTree tree, SemanticModel model,
        GeneratedSource generated, FormulaLowering? lowering, CancellationToken cancellation)
    {
        var root = tree.GetRoot(cancellation);
        var rewritten = new FormulaRewriter(model, generated.Spans, cancellation, lowering).Visit(root)!;
        return (ReferenceEquals(rewritten, root) ? compilation : compilation.ReplaceSyntaxTree(tree, tree.WithRootAndOptions(rewritten, tree.Options)), rewritten);
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

        if (text.Length > FormulaLimits.MaxLength)
        {
            diagnostics.Add(At(0, DiagnosticCode.FormulaTooComplex, $"The formula is {text.Length} characters long; at most {FormulaLimits.MaxLength} are accepted."));
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

        if (Depth(expression) > FormulaLimits.MaxDepth)
        {
            diagnostics.Add(At(0, DiagnosticCode.FormulaTooComplex, $"The formula is nested more than {FormulaLimits.MaxDepth} levels deep."));
            return null;
        }

        foreach (var (position, message) in FormulaLimits.Check(expression))
        {
            diagnostics.Add(At(position - prefix.Length, DiagnosticCode.FormulaTooComplex, message));
            failed = true;
        }

        if (failed)
        {
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
        var span = generated.Spans.FirstOrDefault(s => start >= s.Start && start <= s.End)
            ?? generated.Spans.LastOrDefault(s => s.Start <= start && start - s.End < 40);
        var hasItem = span is not null && span.Kind != FormulaKind.Indicator && method.Rules[span.OwnerIndex].ForEach is not null;
        var message = $"{GeneratedNames.Rewrite(d.GetMessage(CultureInfo.InvariantCulture), d.Id, method, hasItem)} ({d.Id})";
        if (generated.Conversions.FirstOrDefault(c => start >= c.Start && start < c.End) is { Formula: { } converted })
        {
            // The code that turns the formula's value into the declared record or collection: the value lacks a field or
            // has one of another type.
            var indicator = method.Indicators[converted.OwnerIndex];
            return At(method, converted, 0, DiagnosticCode.FormulaCompile,
                $"The formula's value does not fit the declared fields of {indicator.Type.Kind.ToString().ToLowerInvariant()} indicator '{indicator.Id}' "
                + $"({string.Join(", ", indicator.Type.Fields.Select(f => f.Id + ": " + f.Type.Kind.ToString().ToLowerInvariant()))}): {message}");
        }

        if (span is not null)
        {
            return At(method, span, start - span.Start, DiagnosticCode.FormulaCompile, message);
        }

        var line = d.Location.GetLineSpan().StartLinePosition;
        return new Diagnostics.Diagnostic(DiagnosticCode.FormulaCompile, Severity.Error,
            $"Generated code does not compile at method.g.cs({line.Line + 1},{line.Character + 1}): {message}", method.Source.Path);
    }

    /// <summary>
    /// Topological order of the indicators (declaration order among independent ones); null after reporting cycles, or a
    /// chain of indicators deeper than <see cref="Validation.MethodLimits.MaxDependencyDepth"/>. A depth-first search with an
    /// explicit stack: a chain of thousands of indicators cannot overflow the call stack.
    /// </summary>
    private static int[]? Order(MethodDefinition method, List<string>[] reads, List<Diagnostics.Diagnostic> diagnostics)
    {
        var index = new Dictionary<string, int>(method.Indicators.Count, StringComparer.Ordinal);
        for (var i = 0; i < method.Indicators.Count; i++)
        {
            index.TryAdd(method.Indicators[i].Id, i);
        }

        var deps = reads.Select(r => r.Where(index.ContainsKey).Select(id => index[id]).ToArray()).ToArray();
        var state = new int[deps.Length]; // 0 new, 1 on the path, 2 done
        var depth = new int[deps.Length]; // longest chain of indicators ending at each one (itself included)
        var order = new List<int>(deps.Length);
        var path = new List<int>();
        var next = new List<int>(); // for each indicator on the path, the next of its dependencies to visit
        var cycles = new HashSet<string>(StringComparer.Ordinal);
        for (var root = 0; root < deps.Length; root++)
        {
            if (state[root] != 0)
            {
                continue;
            }

            state[root] = 1;
            path.Add(root);
            next.Add(0);
            while (path.Count > 0)
            {
                var i = path[^1];
                if (next[^1] < deps[i].Length)
                {
                    var d = deps[i][next[^1]++];
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
                        state[d] = 1;
                        path.Add(d);
                        next.Add(0);
                    }

                    continue;
                }

                depth[i] = 1 + deps[i].Select(d => state[d] == 2 ? depth[d] : 0).DefaultIfEmpty(0).Max();
                state[i] = 2;
                order.Add(i);
                path.RemoveAt(path.Count - 1);
                next.RemoveAt(next.Count - 1);
            }
        }

        if (cycles.Count > 0)
        {
            return null;
        }

        var deepest = Enumerable.Range(0, depth.Length).Where(i => depth[i] > Validation.MethodLimits.MaxDependencyDepth).Select(i => (int?)i).FirstOrDefault();
        if (deepest is { } over)
        {
            // The chain, from the indicator past the limit down to an input: its first and last links, for the message.
            var chain = new List<int> { over };
            while (deps[chain[^1]].Length > 0)
            {
                chain.Add(deps[chain[^1]].MaxBy(d => depth[d]));
            }

            diagnostics.Add(method.Source.At(method.Indicators[over].Pointer + "/formula", DiagnosticCode.MethodTooLarge,
                $"Indicator '{method.Indicators[over].Id}' ends a chain of {depth[over]:N0} indicators each reading the next "
                + $"({method.Indicators[chain[0]].Id} → {method.Indicators[chain[1]].Id} → … → {method.Indicators[chain[^1]].Id}); "
                + $"at most {Validation.MethodLimits.MaxDependencyDepth} are accepted."));
            return null;
        }

        return [.. order];
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
