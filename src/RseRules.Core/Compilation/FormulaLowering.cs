using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace RseRules.Core.Compilation;

/// <summary>
/// Lowers the formulas' common queries into loops, after the sandbox has checked them as written: a query is a source,
/// any number of <c>Where</c> and <c>Select</c> with one-parameter lambdas, and one consumer — <c>Sum</c>, <c>Count</c>,
/// <c>Any</c>, <c>All</c>, <c>Min</c>, <c>Max</c>, <c>Average</c>, <c>First</c>, <c>FirstOrDefault</c>, <c>ToArray</c> of
/// the formulas' LINQ, or the helpers <c>Map</c>, <c>Series</c>, <c>Mean</c>, <c>Product</c> and <c>Sum</c>. Each becomes
/// a private method of the model (<c>__Q0</c>, <c>__Q1</c>…) whose parameters are the variables the query reads from
/// around it; the call replaces the query. The method:
/// <list type="bullet">
/// <item>evaluates the source once; when it is not one of the engine's lists or an array (<see cref="Runtime.Lowered.Items{T}"/>),
/// or when it is null, it runs the query as written (the same LINQ, the same lambdas), so that any other sequence, and
/// every argument error, behaves as before;</item>
/// <item>otherwise loops over the array, the lambdas' bodies inlined (each in a block of its own, its parameter a local),
/// in the order LINQ calls them, with the arithmetic, conversions and exceptions LINQ's operators have (checked integer
/// sums, doubles added in order, System.Linq's own exceptions for an empty sequence);</item>
/// <item>charges the evaluation budget exactly the steps the LINQ it replaces charges, at the same points, element by
/// element where a lambda may itself charge, or counted and charged at the end of the loop where no lambda can (after
/// checking that they all fit, so that no deferred step could have stopped the evaluation sooner; on a failure inside the
/// loop, the steps taken are still charged).</item>
/// </list>
/// The steps, as the formulas' LINQ charges them (Linq.Enumerable, Budget.Each, BudgetedList, ArrayWhere, ArraySelect),
/// with k stages over an array: one step per element of the array examined (the native operators, the engine list's
/// enumerator, ArrayWhere and ArraySelect all charge it); with k = 0 and a consumer that is not native (forwarded to
/// System.Linq, or a helper), one more at the start, for the engine list's enumerator; with k ≥ 2, the stages after the
/// first are System.Linq's iterators, which Budget.Each wraps in a sequence charging one step per element asked of it —
/// each time the consumer asks stage k for an element, k − 1 steps (stages k to 2 each ask the one before), and each time
/// the <c>Where</c> at stage j ≥ 3 rejects an element, j − 2 steps. So the same documents hit the same limits, and an
/// evaluation left with little budget stops at the same step.
/// Any other shape — an operator or overload not listed, a lambda with two parameters or given as a variable, a type that
/// cannot be named (anonymous types), a query inside a query expression, a name the method could not declare — keeps the
/// formulas' budgeted LINQ.
/// </summary>
internal sealed class FormulaLowering(SemanticModel model, CSharpParseOptions options, CancellationToken cancellation)
{
    private const string Runtime = "global::RseRules.Core.Runtime.Lowered";
    private const string Budget = "global::RseRules.Core.Runtime.EvaluationBudget";
    private const string LinqType = "RseRules.Core.Runtime.Linq.Enumerable";
    private const string HelperType = "RseRules.Core.Runtime.Fn";

    /// <summary>Marks a lookup read by position, so that the query's fallback (which runs outside the loop) reads it by key.</summary>
    private static readonly SyntaxAnnotation ByPosition = new("rse-by-position");

    /// <summary>Marks a search answered from a table made before the loop (<see cref="Runtime.Lowered.Found{T}(IEnumerable{T}, T, object, int, ref long)"/>):
    /// its charge is counted in <c>__n</c>, or charged at once (<c>__m</c>) when the loop charges step by step.</summary>
    private static readonly SyntaxAnnotation Counted = new("rse-counted");

    private readonly List<MemberDeclarationSyntax> methods = [];

    /// <summary>The queries' fallbacks written as methods of their own (<see cref="Write"/>), after the queries.</summary>
    private readonly List<MemberDeclarationSyntax> fallbacks = [];

    /// <summary>Lookups <c>map[x.member]</c> and searches <c>list.Contains(x.member)</c> read by position, x the element the
    /// loop is at: the member's name, and the view declared before the loop (lookups of a map named by a path) or the model
    /// field that caches a search.</summary>
    private readonly Dictionary<SyntaxNode, (string Member, string? Hoisted, string Array, string Index, bool Table)> positional = [];

    /// <summary>The views declared before the loop of the query being planned: name, map (as a null-safe path), member, and
    /// the array the map is laid out for.</summary>
    private List<(string Name, string Map, string Member, string Array)> views = [];

    /// <summary>The searches of the query being planned answered from a table made before its loop (for its own array): the
    /// local that holds the table, the list (as a null-safe path), the member, and the model field that keeps it.</summary>
    private List<(string Name, string List, string Member, string Cache)> searches = [];

    private int caches;

    /// <summary>The parameters of the lambdas being inlined in a loop that stand for the element at <c>__a[__i]</c>: a query
    /// lowered inside such a lambda (not inside a lambda of its own) that reads the element gets its position too.</summary>
    private readonly Dictionary<ISymbol, (LambdaExpressionSyntax Lambda, ITypeSymbol Element)> positioned = new(SymbolEqualityComparer.Default);

    /// <summary>For the query being planned: the variables it reads whose position it was given (parameters <c>__pa0</c>,
    /// <c>__pi0</c>…).</summary>
    private Dictionary<ISymbol, (string Array, string Index)> positions = new(SymbolEqualityComparer.Default);

    /// <summary>What a consumer does with the elements.</summary>
    private enum Op
    {
        Sum,
        Count,
        Any,
        All,
        Min,
        Max,
        Average,
        First,
        FirstOrDefault,
        ToArray,
        Map,
        Mean,
        Product,
        HelperSum,
        Series,
    }

    /// <summary>The methods written so far, in order, then the fallbacks written apart (added to the model class).</summary>
    public IReadOnlyList<MemberDeclarationSyntax> Methods => [.. methods, .. fallbacks];

    /// <summary>The number of queries lowered (each one method).</summary>
    public int Queries => methods.Count(m => m is MethodDeclarationSyntax);

    /// <summary>The call that replaces <paramref name="node"/>, after writing its method; null when the query is not one
    /// this lowering handles (then nothing was visited or written).</summary>
    /// <param name="node">An invocation inside a formula, as the checked compilation has it.</param>
    /// <param name="visit">The rewriter's visit, for the parts of the query that stay (source, lambdas, arguments).</param>
    public ExpressionSyntax? TryLower(InvocationExpressionSyntax node, Func<SyntaxNode, SyntaxNode?> visit)
    {
        if (node.FirstAncestorOrSelf<ClassDeclarationSyntax>()?.Identifier.Text != CodeGenerator.ModelClass)
        {
            return null;
        }

        var plan = Plan(node);
        var outerPositions = positions;
        positions = new(SymbolEqualityComparer.Default);
        try
        {
            return plan is null || Captures(node, plan) is not { } captures ? null : Lower(node, plan, captures, visit);
        }
        finally
        {
            positions = outerPositions;
        }
    }

    private ExpressionSyntax Lower(InvocationExpressionSyntax node, Query plan, List<(string Name, string Type, string Argument)> captures, Func<SyntaxNode, SyntaxNode?> visit)
    {
        // Lookups at the element the loop is at, in the lambdas that see the source's elements themselves: those of the
        // stages up to the first Select (included), and the consumer's when there is no Select.
        var firstSelect = plan.Stages.FindIndex(s => !s.IsWhere);
        var outerViews = views;
        var outerSearches = searches;
        views = [];
        searches = [];
        foreach (var lambda in plan.Stages.Take(firstSelect < 0 ? plan.Stages.Count : firstSelect + 1).Select(s => s.Lambda)
                     .Concat(firstSelect < 0 && plan.Op != Op.Series && plan.Second is null ? plan.Lambdas : []))
        {
            if (SymbolEqualityComparer.Default.Equals(lambda.Parameter.Type, plan.Element))
            {
                // A concatenation's loops make no tables (a search there answers from a cache as its calls pay for it).
                FindPositional(lambda, node, plan.Second is null && WalksAll(plan.Op), "__a");
            }
        }

        // A concatenation's second loop walks its own array (__a1), at its own element.
        if (plan.Second is { } other)
        {
            var otherSelect = other.Stages.FindIndex(s => !s.IsWhere);
            foreach (var lambda in other.Stages.Take(otherSelect < 0 ? other.Stages.Count : otherSelect + 1).Select(s => s.Lambda))
            {
                if (SymbolEqualityComparer.Default.Equals(lambda.Parameter.Type, other.Element))
                {
                    FindPositional(lambda, node, false, "__a1");
                }
            }
        }

        var queryViews = views;
        var querySearches = searches;
        views = outerViews;
        searches = outerSearches;

        // The lambdas inlined in the loop whose parameter is the element at __a[__i]: a query inside them reading it is given
        // its position (while they are visited).
        var inlined = plan.Stages.Take(plan.Second is not null ? 0 : firstSelect < 0 ? plan.Stages.Count : firstSelect + 1).Select(s => s.Lambda)
            .Concat(firstSelect < 0 && plan.Op != Op.Series && plan.Second is null ? plan.Lambdas : [])
            .Where(l => SymbolEqualityComparer.Default.Equals(l.Parameter.Type, plan.Element))
            .ToList();
        foreach (var lambda in inlined)
        {
            positioned[lambda.Parameter] = (lambda.Syntax, plan.Element);
        }

        // Visit each part once — the source (or the series' length), each stage's and the consumer's lambdas — and only then
        // name the method: the queries inside those parts were lowered (and numbered) first.
        var source = (ExpressionSyntax)visit(plan.Source)!;
        var stages = plan.Stages.Select(s => (Stage: s, Visited: (LambdaExpressionSyntax)visit(s.Lambda.Syntax)!)).ToList();
        var lambdas = plan.Lambdas.Select(l => (Lambda: l, Visited: (LambdaExpressionSyntax)visit(l.Syntax)!)).ToList();
        (ExpressionSyntax Source, List<(Stage Stage, LambdaExpressionSyntax Visited)> Stages)? second = plan.Second is { } concatenated
            ? ((ExpressionSyntax)visit(concatenated.Source)!, concatenated.Stages.Select(s => (Stage: s, Visited: (LambdaExpressionSyntax)visit(s.Lambda.Syntax)!)).ToList())
            : null;
        foreach (var lambda in inlined)
        {
            positioned.Remove(lambda.Parameter);
        }

        var name = "__Q" + methods.Count.ToString(CultureInfo.InvariantCulture);
        var text = Write(plan, name, captures, source, stages, lambdas, second, queryViews, querySearches, out var fallbackText);
        methods.Add(Parse(text));
        if (fallbackText is not null)
        {
            fallbacks.Add(Parse(fallbackText));
        }

        var call = SyntaxFactory.ParseExpression(name + "(" + string.Join(", ", captures.Select(c => c.Argument)) + ")");

        // Given positions (__a, __i of the enclosing loop), the call is marked: the enclosing query's fallback, which runs out
        // of its loop, passes none (null, -1).
        return (captures.Any(c => c.Argument != c.Name) ? call.WithAdditionalAnnotations(ByPosition) : call).WithTriviaFrom(node);
    }

    /// <summary>A method written; one that does not parse is a bug of this class (its parts were visited, and the queries
    /// inside them lowered).</summary>
    private MemberDeclarationSyntax Parse(string text) =>
        SyntaxFactory.ParseMemberDeclaration(text, 0, options) is { ContainsDiagnostics: false } member
            ? member
            : throw new InvalidOperationException("A lowered query does not parse: "
                + string.Join("; ", SyntaxFactory.ParseMemberDeclaration(text, 0, options)?.GetDiagnostics().Select(d => d.ToString()) ?? []) + "\n" + text);

    /// <summary>What replaces a lookup by position registered by the query being written, or null: the value of the view
    /// declared before the loop when the item has one, else the lookup (<c>(__v0 != null &amp;&amp; __v0.Has(__i) ?
    /// __v0.Values[__i] : map[key])</c>); or <c>Lowered.At(map, key, …)</c> when the map is not named by a path.</summary>
    /// <param name="node">An element access of the checked compilation.</param>
    /// <param name="visited">The same, its parts rewritten.</param>
    public ExpressionSyntax? Positional(ElementAccessExpressionSyntax node, ElementAccessExpressionSyntax visited)
    {
        if (!positional.Remove(node, out var found) || visited.ArgumentList.Arguments is not [var key])
        {
            return null;
        }

        var byKey = SyntaxFactory.ElementAccessExpression(visited.Expression.WithoutTrivia(), visited.ArgumentList.WithoutTrivia());
        if (found.Hoisted is { } view)
        {
            return SyntaxFactory.ParenthesizedExpression(SyntaxFactory.ConditionalExpression(
                    SyntaxFactory.ParseExpression($"{view} != null && {view}.Has({found.Index})"), SyntaxFactory.ParseExpression($"{view}.Values[{found.Index}]"), byKey))
                .WithAdditionalAnnotations(ByPosition).WithTriviaFrom(node);
        }

        return Annotated(Runtime + ".At", [visited.Expression, key.Expression], found.Array, found.Index, "\"" + found.Member + "\"", "static __x => __x." + found.Member)
            .WithTriviaFrom(node);
    }

    /// <summary>What replaces a search by position registered by the query being written (<c>Lowered.Contains(list, value,
    /// …)</c>), or null.</summary>
    /// <param name="node">An invocation of the checked compilation.</param>
    /// <param name="visited">The same, its parts rewritten.</param>
    public ExpressionSyntax? PositionalContains(InvocationExpressionSyntax node, InvocationExpressionSyntax visited)
    {
        if (!positional.Remove(node, out var found) || visited is not { Expression: MemberAccessExpressionSyntax access, ArgumentList.Arguments: [var value] })
        {
            return null;
        }

        if (found.Table)
        {
            // Answered from the table made before the loop; the value is still evaluated (as the search evaluates it).
            return Annotated(Runtime + ".Found", [access.Expression, value.Expression], found.Hoisted!, found.Index, "ref __n")
                .WithAdditionalAnnotations(Counted).WithTriviaFrom(node);
        }

        return Annotated(Runtime + ".Contains", [access.Expression, value.Expression], found.Array, found.Index, "\"" + found.Member + "\"", "static __x => __x." + found.Member,
            "__m", "ref " + found.Hoisted).WithTriviaFrom(node);
    }

    /// <summary>A call of the runtime, built as a tree: its first two arguments rewritten parts of the formula (kept as they
    /// are for the fallback, which reads by key).</summary>
    private static InvocationExpressionSyntax Annotated(string callee, ExpressionSyntax[] parts, params string[] rest) =>
        SyntaxFactory.InvocationExpression(
                SyntaxFactory.ParseExpression(callee),
                SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(parts.Select(p => SyntaxFactory.Argument(p.WithoutTrivia()))
                    .Concat(rest.Select(r => r.StartsWith("ref ", StringComparison.Ordinal)
                        ? SyntaxFactory.Argument(null, SyntaxFactory.Token(SyntaxKind.RefKeyword).WithTrailingTrivia(SyntaxFactory.Space), SyntaxFactory.ParseExpression(r[4..]))
                        : SyntaxFactory.Argument(SyntaxFactory.ParseExpression(r)))))))
            .WithAdditionalAnnotations(ByPosition);

    /// <summary>
    /// Registers what a lambda's body reads at the element the loop is at (p its parameter, the element at <c>__a[__i]</c>;
    /// member a field of the method's records): lookups <c>map[p.member]</c> of a map keyed by the member's type, and searches
    /// <c>list.Contains(p.member)</c> of the formulas' LINQ where the list is named by a path (the same list all along the
    /// loop); not inside a lambda of the body, nor inside a query lowered on its own (both run out of this loop's step).
    /// A search at this loop's element in a query that walks every element (<paramref name="table"/>) is answered from a table
    /// made before the loop (one lookup per element, no more than the loop's steps), whose charges are known in advance; any
    /// other search (at an enclosing loop's element, or in a query that may stop early) makes its table once its calls have
    /// charged what making it costs.
    /// </summary>
    private void FindPositional(Lambda lambda, InvocationExpressionSyntax query, bool table, string loopArray)
    {
        var body = lambda.Syntax.ExpressionBody!;
        foreach (var n in body.DescendantNodesAndSelf())
        {
            var (argument, keyType) = n switch
            {
                ElementAccessExpressionSyntax { ArgumentList.Arguments: [{ NameColon: null, RefKindKeyword.RawKind: (int)SyntaxKind.None } a] } access
                    when model.GetSymbolInfo(access, cancellation).Symbol is IPropertySymbol { IsIndexer: true, ContainingType: { } map }
                    && map.OriginalDefinition.ToDisplayString() is "System.Collections.Generic.IReadOnlyDictionary<TKey, TValue>" or "RseRules.Core.Runtime.BudgetedDictionary<TKey, TValue>"
                    => (a.Expression, map.TypeArguments[0]),
                InvocationExpressionSyntax { ArgumentList.Arguments: [{ NameColon: null, RefKindKeyword.RawKind: (int)SyntaxKind.None } a], Expression: MemberAccessExpressionSyntax { Expression: var list } } call
                    when Linq(call) is { Name: "Contains", ReducedFrom: { } contains } method && contains.GetAttributes().Any(x => x.AttributeClass?.Name == "NativeAttribute")
                    && Path(list, query) is not null
                    => (a.Expression, method.TypeArguments[0]),
                _ => ((ExpressionSyntax?)null, (ITypeSymbol?)null),
            };
            if (argument is not MemberAccessExpressionSyntax { RawKind: (int)SyntaxKind.SimpleMemberAccessExpression, Expression: IdentifierNameSyntax element, Name: IdentifierNameSyntax name }
                || model.GetSymbolInfo(element, cancellation).Symbol is not { } elementSymbol
                || (!SymbolEqualityComparer.Default.Equals(elementSymbol, lambda.Parameter) && !positions.ContainsKey(elementSymbol))
                || model.GetSymbolInfo(name, cancellation).Symbol is not IPropertySymbol { IsStatic: false } property
                || !SymbolEqualityComparer.Default.Equals(property.ContainingAssembly, model.Compilation.Assembly)
                || !SymbolEqualityComparer.Default.Equals(keyType, property.Type)
                || (n != body && n.Ancestors().TakeWhile(a => a != body).Any(a => a is AnonymousFunctionExpressionSyntax || (a is InvocationExpressionSyntax call && Plan(call) is not null))))
            {
                continue;
            }

            var member = name.Identifier.ValueText;
            var (array, index) = positions.TryGetValue(elementSymbol, out var given) ? given : (loopArray, "__i");
            if (n is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: var searchedList } })
            {
                // A search: its cache, a field of the model (one per call site, for the evaluation).
                var field = "__k" + (caches++).ToString(CultureInfo.InvariantCulture);
                methods.Add(SyntaxFactory.ParseMemberDeclaration("private object " + field + ";")!);
                if (table && array == "__a" && Path(searchedList, query) is { } listPath)
                {
                    var local = "__c" + searches.Count.ToString(CultureInfo.InvariantCulture);
                    searches.Add((local, listPath, member, field));
                    positional[n] = (member, local, array, index, true);
                    continue;
                }

                positional[n] = (member, field, array, index, false);
                continue;
            }

            // A lookup: of a map named by a path, through a view declared before the loop (one per map, member and array).
            string? hoisted = null;
            if (Path(((ElementAccessExpressionSyntax)n).Expression, query) is { } path)
            {
                var existing = views.FindIndex(v => v.Map == path && v.Member == member && v.Array == array);
                if (existing < 0)
                {
                    views.Add(("__v" + views.Count.ToString(CultureInfo.InvariantCulture), path, member, array));
                    existing = views.Count - 1;
                }

                hoisted = views[existing].Name;
            }

            positional[n] = (member, hoisted, array, index, false);
        }
    }

    /// <summary>Whether a consumer asks for every element of its source (it cannot stop early): a table made before its loop
    /// costs no more than the loop's own steps.</summary>
    private static bool WalksAll(Op op) => op is not (Op.Any or Op.All or Op.First or Op.FirstOrDefault);

    /// <summary>
    /// An expression that names the same value all along a query's loop, as a null-safe path the loop's method can evaluate
    /// before the loop without any effect or exception: a member of the model (an input, a parameter, an indicator), a
    /// variable the query reads from around it, or fields of the method's records from those (<c>u?.contributions</c>); null
    /// for anything else.
    /// </summary>
    private string? Path(ExpressionSyntax expression, InvocationExpressionSyntax query)
    {
        switch (expression)
        {
            case IdentifierNameSyntax id:
                return model.GetSymbolInfo(id, cancellation).Symbol switch
                {
                    IPropertySymbol { IsStatic: false, ContainingType.Name: CodeGenerator.ModelClass } => id.Identifier.Text,
                    IParameterSymbol or ILocalSymbol when model.GetSymbolInfo(id, cancellation).Symbol!.DeclaringSyntaxReferences
                        .All(r => r.SyntaxTree != query.SyntaxTree || !query.Span.Contains(r.Span)) => id.Identifier.Text,
                    _ => null,
                };
            case MemberAccessExpressionSyntax { RawKind: (int)SyntaxKind.SimpleMemberAccessExpression, Name: IdentifierNameSyntax name } access
                when model.GetSymbolInfo(name, cancellation).Symbol is IPropertySymbol { IsStatic: false } property
                && SymbolEqualityComparer.Default.Equals(property.ContainingAssembly, model.Compilation.Assembly)
                && model.GetTypeInfo(access.Expression, cancellation).Type is { IsReferenceType: true }
                && Path(access.Expression, query) is { } inner:
                return inner + "?." + name.Identifier.Text;
            default:
                return null;
        }
    }

    /// <summary>The member a Map's key lambda reads of its element (<c>x => x.member</c>, a field of the method's records), or null.</summary>
    private string? KeyMember(Lambda key)
    {
        return key.Syntax.ExpressionBody is MemberAccessExpressionSyntax { RawKind: (int)SyntaxKind.SimpleMemberAccessExpression, Expression: IdentifierNameSyntax element, Name: IdentifierNameSyntax name }
            && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(element, cancellation).Symbol, key.Parameter)
            && model.GetSymbolInfo(name, cancellation).Symbol is IPropertySymbol { IsStatic: false } property
            && SymbolEqualityComparer.Default.Equals(property.ContainingAssembly, model.Compilation.Assembly)
            && SymbolEqualityComparer.Default.Equals(property.Type, key.Returns)
                ? name.Identifier.ValueText
                : null;
    }

    private static bool OneParameter(LambdaExpressionSyntax lambda) => lambda switch
    {
        SimpleLambdaExpressionSyntax { ExpressionBody: not null } => true,
        ParenthesizedLambdaExpressionSyntax { ParameterList.Parameters.Count: 1, ExpressionBody: not null } => true,
        _ => false,
    };

    private static ParameterSyntax Parameter(LambdaExpressionSyntax lambda) => lambda switch
    {
        SimpleLambdaExpressionSyntax simple => simple.Parameter,
        ParenthesizedLambdaExpressionSyntax p => p.ParameterList.Parameters[0],
        _ => throw new ArgumentException("Not a one-parameter lambda.", nameof(lambda)),
    };

    /// <summary>A type as C# source, or null when it cannot be written (anonymous types, errors, type parameters).</summary>
    private static string? TypeName(ITypeSymbol? type) => type is not null && Nameable(type) ? type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) : null;

    private static bool Nameable(ITypeSymbol type) => type switch
    {
        IArrayTypeSymbol array => Nameable(array.ElementType),
        INamedTypeSymbol named => !named.IsAnonymousType && named.TypeKind != TypeKind.Error && named.TypeArguments.All(Nameable)
            && (named.ContainingType is null || Nameable(named.ContainingType)),
        _ => false,
    };

    private static bool IsNumeric(ITypeSymbol? type, bool decimals) =>
        type?.SpecialType is SpecialType.System_Double or SpecialType.System_Int64 or SpecialType.System_Int32
        || (decimals && type?.SpecialType == SpecialType.System_Decimal);

    /// <summary>The value type inside <c>Nullable&lt;T&gt;</c>, or null.</summary>
    private static ITypeSymbol? Underlying(ITypeSymbol? type) =>
        type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T, TypeArguments: [var inner] } ? inner : null;

    /// <summary>Whether a source's static type can be one of the engine's lists or an array at run time (else the loop would
    /// always fall back: the query is left as it is).</summary>
    private static bool MayBeArray(ITypeSymbol? type) => type switch
    {
        IArrayTypeSymbol => true,
        INamedTypeSymbol named => named.OriginalDefinition.ToDisplayString() is "System.Collections.Generic.IEnumerable<T>"
            or "System.Collections.Generic.IReadOnlyList<T>" or "System.Collections.Generic.IReadOnlyCollection<T>" or "RseRules.Core.Runtime.BudgetedList<T>",
        _ => false,
    };

    /// <summary>An operator of the formulas' LINQ called as an extension method (<c>source.Op(…)</c>).</summary>
    private IMethodSymbol? Linq(InvocationExpressionSyntax call) =>
        call.Expression is MemberAccessExpressionSyntax { RawKind: (int)SyntaxKind.SimpleMemberAccessExpression }
        && model.GetSymbolInfo(call, cancellation).Symbol is IMethodSymbol { ReducedFrom: { } reduced } method
        && reduced.ContainingType.ToDisplayString() == LinqType
        && call.ArgumentList.Arguments.All(a => a.NameColon is null && a.RefKindKeyword.IsKind(SyntaxKind.None))
            ? method
            : null;

    /// <summary>A helper called by its name (<c>Map(…)</c>, <c>Series(…)</c>…).</summary>
    private IMethodSymbol? Helper(InvocationExpressionSyntax call) =>
        call.Expression is IdentifierNameSyntax or GenericNameSyntax
        && model.GetSymbolInfo(call, cancellation).Symbol is IMethodSymbol { IsStatic: true } method
        && method.ContainingType.ToDisplayString() == HelperType
        && call.ArgumentList.Arguments.All(a => a.NameColon is null && a.RefKindKeyword.IsKind(SyntaxKind.None))
            ? method
            : null;

    /// <summary>A lambda of one parameter given as an argument, with the types of its parameter and of its value.</summary>
    private Lambda? LambdaArgument(ArgumentSyntax argument, ITypeSymbol delegateType)
    {
        if (argument.Expression is not LambdaExpressionSyntax lambda || !OneParameter(lambda)
            || delegateType is not INamedTypeSymbol { DelegateInvokeMethod: { Parameters: [var p] } invoke }
            || model.GetDeclaredSymbol(Parameter(lambda), cancellation) is not IParameterSymbol parameter)
        {
            return null;
        }

        return new Lambda(lambda, parameter, invoke.ReturnType);
    }

    /// <summary>Source and stages below a consumer: <c>source.Where(…).Select(…)…</c>.</summary>
    private (ExpressionSyntax Source, List<Stage> Stages)? Chain(ExpressionSyntax receiver)
    {
        var stages = new List<Stage>();
        while (receiver is InvocationExpressionSyntax { ArgumentList.Arguments: [var argument] } call
               && Linq(call) is { Name: "Where" or "Select", TypeArguments.Length: >= 1, Parameters: [var f] } method
               && f.Type is INamedTypeSymbol { TypeArguments.Length: 2 }
               && LambdaArgument(argument, f.Type) is { } lambda)
        {
            var where = method.Name == "Where";
            if (where && lambda.Returns.SpecialType != SpecialType.System_Boolean)
            {
                return null;
            }

            var access = (MemberAccessExpressionSyntax)call.Expression;
            stages.Insert(0, new Stage(where, lambda, access.Name.ToString(), method.TypeArguments[0], where ? method.TypeArguments[0] : method.TypeArguments[1]));
            receiver = access.Expression;
        }

        return (receiver, stages);
    }

    /// <summary>What the query is, or null when it is not one this class lowers.</summary>
    private Query? Plan(InvocationExpressionSyntax node)
    {
        if (model.GetTypeInfo(node, cancellation).Type is not { } type || TypeName(type) is not { } typeName)
        {
            return null;
        }

        if (Linq(node) is { } method)
        {
            return PlanLinq(node, method, typeName);
        }

        return Helper(node) is { } helper ? PlanHelper(node, helper, typeName) : null;
    }

    private Query? PlanLinq(InvocationExpressionSyntax node, IMethodSymbol method, string typeName)
    {
        var access = (MemberAccessExpressionSyntax)node.Expression;
        var args = node.ArgumentList.Arguments;
        var reduced = method.ReducedFrom!;
        var sequence = reduced.Parameters[0].Type as INamedTypeSymbol;
        var element = method.TypeArguments.Length > 0 ? method.TypeArguments[0] : sequence?.TypeArguments.FirstOrDefault();
        if (element is null)
        {
            return null;
        }

        var native = reduced.GetAttributes().Any(a => a.AttributeClass?.Name == "NativeAttribute");
        Lambda? lambda = null;
        if (args.Count == 1)
        {
            lambda = LambdaArgument(args[0], method.Parameters[0].Type);
            if (lambda is null)
            {
                return null;
            }
        }
        else if (args.Count != 0)
        {
            return null;
        }

        // The numbers a consumer adds or compares: the selector's value, else the elements'.
        var numbers = lambda?.Returns ?? element;
        Op? op = (method.Name, args.Count) switch
        {
            ("Sum", _) when IsNumeric(numbers, true) || IsNumeric(Underlying(numbers), true) => Op.Sum,
            ("Count", _) => Op.Count,
            ("Any", _) => Op.Any,
            ("All", 1) => Op.All,
            ("Min", _) when IsNumeric(numbers, false) => Op.Min,
            ("Max", _) when IsNumeric(numbers, false) => Op.Max,
            ("Average", _) when IsNumeric(numbers, false) => Op.Average,
            ("First", _) => Op.First,
            ("FirstOrDefault", _) => Op.FirstOrDefault,
            ("ToArray", 0) => Op.ToArray,
            _ => null,
        };
        if (op is null
            || (lambda is not null && op is Op.Count or Op.Any or Op.All or Op.First or Op.FirstOrDefault && lambda.Returns.SpecialType != SpecialType.System_Boolean)
            || (op is Op.Min or Op.Max or Op.Average && lambda is not null && method.TypeArguments.Length != 1)
            || (op is Op.Sum or Op.Min or Op.Max or Op.Average && lambda is null && method.TypeArguments.Length != 0))
        {
            return null;
        }

        if (op == Op.ToArray && lambda is null && PlanConcat(access.Expression, element) is { } concat)
        {
            return new Query(Op.ToArray, node, concat.Source, concat.Stages, [], native, concat.Element, element, null, typeName, access.Name.ToString(), Second: concat.Second);
        }

        if (Chain(access.Expression) is not { } chain)
        {
            return null;
        }

        // With no stage, Count(), Any() and ToArray() take System.Linq's collection fast paths: nothing to gain.
        if (chain.Stages.Count == 0 && lambda is null && op is Op.Count or Op.Any or Op.ToArray)
        {
            return null;
        }

        var arguments = lambda is null ? [] : new List<Lambda> { lambda };
        var first = chain.Stages.Count > 0 ? chain.Stages[0].Input : element;
        return new Query(op.Value, node, chain.Source, chain.Stages, arguments, native, first, element, numbers, typeName, access.Name.ToString());
    }

    /// <summary><c>first.Concat(second)</c> below a <c>ToArray()</c> of <paramref name="element"/>: each sequence a source and its
    /// stages whose elements are exactly <paramref name="element"/> (no conversion between them); null otherwise.</summary>
    private (ExpressionSyntax Source, List<Stage> Stages, ITypeSymbol Element, Concatenated Second)? PlanConcat(ExpressionSyntax receiver, ITypeSymbol element)
    {
        if (receiver is not InvocationExpressionSyntax { ArgumentList.Arguments: [var argument] } call
            || Linq(call) is not { Name: "Concat", TypeArguments: [var concatenated] }
            || !SymbolEqualityComparer.Default.Equals(concatenated, element)
            || call.Expression is not MemberAccessExpressionSyntax access
            || Chain(access.Expression) is not { } first || Chain(argument.Expression) is not { } second
            || SourceElement(first) is not { } firstElement || SourceElement(second) is not { } secondElement
            || !SymbolEqualityComparer.Default.Equals(first.Stages.Count > 0 ? first.Stages[^1].Output : firstElement, element)
            || !SymbolEqualityComparer.Default.Equals(second.Stages.Count > 0 ? second.Stages[^1].Output : secondElement, element))
        {
            return null;
        }

        return (first.Source, first.Stages, firstElement, new Concatenated(second.Source, second.Stages, secondElement, access.Name.ToString()));
    }

    /// <summary>The element type of a chain's source: its first stage's input, else the source's own (an array's, or the
    /// type argument of a sequence that may be one at run time).</summary>
    private ITypeSymbol? SourceElement((ExpressionSyntax Source, List<Stage> Stages) chain) =>
        chain.Stages.Count > 0 ? chain.Stages[0].Input : model.GetTypeInfo(chain.Source, cancellation).Type switch
        {
            IArrayTypeSymbol array => array.ElementType,
            INamedTypeSymbol { TypeArguments: [var t] } named when MayBeArray(named) => t,
            _ => null,
        };

    private Query? PlanHelper(InvocationExpressionSyntax node, IMethodSymbol method, string typeName)
    {
        var args = node.ArgumentList.Arguments;
        switch (method.Name, args.Count)
        {
            case ("Series", 2) when LambdaArgument(args[1], method.Parameters[1].Type) is { } f:
                return new Query(Op.Series, node, args[0].Expression, [], [f], false, f.Parameter.Type, f.Returns, f.Returns, typeName, node.Expression.ToString());
            case ("Map", 3) when method.TypeArguments.Length == 3
                && LambdaArgument(args[1], method.Parameters[1].Type) is { } key && LambdaArgument(args[2], method.Parameters[2].Type) is { } value
                && Chain(args[0].Expression) is { } chain:
                return new Query(Op.Map, node, chain.Source, chain.Stages, [key, value], false, chain.Stages.Count > 0 ? chain.Stages[0].Input : method.TypeArguments[0],
                    method.TypeArguments[0], null, typeName, node.Expression.ToString(), chain.Stages.Count == 0 ? KeyMember(key) : null);
            case ("Mean" or "Product" or "Sum", 1) when method.Parameters[0].Type is INamedTypeSymbol { TypeArguments: [{ SpecialType: SpecialType.System_Double }] }
                && Chain(args[0].Expression) is { } chain:
                var op = method.Name switch { "Mean" => Op.Mean, "Product" => Op.Product, _ => Op.HelperSum };
                var number = ((INamedTypeSymbol)method.Parameters[0].Type).TypeArguments[0];
                return new Query(op, node, chain.Source, chain.Stages, [], false, chain.Stages.Count > 0 ? chain.Stages[0].Input : number, number, null, typeName,
                    node.Expression.ToString());
            default:
                return null;
        }
    }

    /// <summary>The variables the query reads from around it (lambda parameters of enclosing lambdas, a rule's <c>item</c>,
    /// pattern variables), in order of first use; null when the method could not take them as parameters.</summary>
    private List<(string Name, string Type, string Argument)>? Captures(InvocationExpressionSyntax node, Query plan)
    {
        // Everything the loop reads must have a type it can name or take from a local; the source must be able to hold an array.
        var sourceType = plan.Op == Op.Series ? null : model.GetTypeInfo(plan.Source, cancellation).Type;
        if (plan.Op != Op.Series && (!MayBeArray(sourceType) || IsKeysOrValues(plan.Source)))
        {
            return null;
        }

        if (plan.Second is { } second && (!MayBeArray(model.GetTypeInfo(second.Source, cancellation).Type) || IsKeysOrValues(second.Source)
            || second.Source.DescendantNodesAndSelf().Any(d => d is SingleVariableDesignationSyntax) || Escapes(second.Source)))
        {
            return null;
        }

        if (!Spellable(plan))
        {
            return null;
        }

        var declared = new HashSet<string>(StringComparer.Ordinal);
        foreach (var n in node.DescendantNodes())
        {
            switch (n)
            {
                case ParameterSyntax p:
                    declared.Add(p.Identifier.ValueText);
                    break;
                case SingleVariableDesignationSyntax v:
                    declared.Add(v.Identifier.ValueText);
                    break;
                case QueryExpressionSyntax:
                    return null;
                default:
                    break;
            }
        }

        // The source (or the series' length) is evaluated in the method's own scope: it must declare nothing, and reach
        // no conditional access that starts outside it.
        if (plan.Source.DescendantNodesAndSelf().Any(d => d is SingleVariableDesignationSyntax) || Escapes(plan.Source))
        {
            return null;
        }

        if (declared.Any(d => d.StartsWith("__", StringComparison.Ordinal)))
        {
            return null;
        }

        var captures = new List<(string Name, string Type, string Argument)>();
        var seen = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        foreach (var id in node.DescendantNodes().OfType<IdentifierNameSyntax>())
        {
            var symbol = model.GetSymbolInfo(id, cancellation).Symbol;
            if (symbol is IRangeVariableSymbol)
            {
                return null;
            }

            if (symbol is not (IParameterSymbol or ILocalSymbol) || symbol.DeclaringSyntaxReferences.Any(r => r.SyntaxTree == node.SyntaxTree && node.Span.Contains(r.Span)))
            {
                continue;
            }

            if (!seen.Add(symbol))
            {
                continue;
            }

            var type = symbol is IParameterSymbol p ? p.Type : ((ILocalSymbol)symbol).Type;
            if (TypeName(type) is not { } typeName || declared.Contains(symbol.Name) || symbol.Name.StartsWith("__", StringComparison.Ordinal))
            {
                return null;
            }

            captures.Add((id.Identifier.Text, typeName, id.Identifier.Text));

            // The element of an enclosing loop, read from its loop's step (not from a lambda of its own): its position too.
            if (positioned.TryGetValue(symbol, out var at) && node.Ancestors().OfType<AnonymousFunctionExpressionSyntax>().FirstOrDefault() == at.Lambda
                && TypeName(at.Element) is { } elementType)
            {
                var k = positions.Count.ToString(CultureInfo.InvariantCulture);
                positions[symbol] = ("__pa" + k, "__pi" + k);
                captures.Add(("__pa" + k, elementType + "[]", "__a"));
                captures.Add(("__pi" + k, "int", "__i"));
            }
        }

        return captures;
    }

    /// <summary>Whether every type the loop must spell can be written: the source's elements, a lambda's parameter whose type
    /// is not the element's, every lambda's value (held in a local of the type its delegate returns, which converts it as
    /// the lambda's return does), what the consumer returns or collects.</summary>
    private static bool Spellable(Query plan)
    {
        if (TypeName(plan.Element) is null || TypeName(plan.Output) is null || Spelled(plan.Stages, plan.Element) is not { } element
            || (plan.Second is { } second && (TypeName(second.Element) is null || Spelled(second.Stages, second.Element) is null)))
        {
            return false;
        }

        return plan.Lambdas.All(l => ParameterFits(l, plan.Op == Op.Series ? plan.Element : element) && TypeName(l.Returns) is not null);
    }

    /// <summary>The element type after the stages when each can be spelled (its parameter, its value), else null.</summary>
    private static ITypeSymbol? Spelled(List<Stage> stages, ITypeSymbol element)
    {
        foreach (var stage in stages)
        {
            if (!ParameterFits(stage.Lambda, element) || TypeName(stage.Lambda.Returns) is null)
            {
                return null;
            }

            element = stage.Output;
        }

        return element;
    }

    /// <summary>A lambda's parameter declared as a local: as <c>var</c> when it has the element's type, else by its type's name.</summary>
    private static bool ParameterFits(Lambda lambda, ITypeSymbol element) =>
        SymbolEqualityComparer.Default.Equals(lambda.Parameter.Type, element) || TypeName(lambda.Parameter.Type) is not null;

    /// <summary><c>x.Keys</c> or <c>x.Values</c> of a map: a collection of the dictionary at run time, never an array.</summary>
    private bool IsKeysOrValues(ExpressionSyntax source) =>
        source is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Keys" or "Values" }
        && model.GetSymbolInfo(source, cancellation).Symbol is IPropertySymbol { ContainingType.Name: "IReadOnlyDictionary" or "BudgetedDictionary" or "Dictionary" };

    /// <summary>Whether an expression holds <c>.x</c> of a conditional access that starts outside it (it cannot be moved).</summary>
    private static bool Escapes(ExpressionSyntax expression)
    {
        foreach (var n in expression.DescendantNodesAndSelf())
        {
            if (n is MemberBindingExpressionSyntax or ElementBindingExpressionSyntax
                && (n.Ancestors().OfType<ConditionalAccessExpressionSyntax>().FirstOrDefault() is not { } access || !expression.Span.Contains(access.Span)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a lambda's body cannot charge the budget itself (no call, no text made, nothing allocated, no member
    /// that walks): then its loop may count its steps and charge them at the end.</summary>
    private bool Quiet(Lambda lambda, ExpressionSyntax visitedBody, bool inner = false)
    {
        foreach (var n in visitedBody.DescendantNodesAndSelf(d => !d.HasAnnotation(ByPosition)))
        {
            if (n.HasAnnotation(ByPosition))
            {
                // A lookup by position charges nothing (its map and key are checked as written); a search answered from a
                // table counts its charge (known before the loop); any other search charges.
                var quiet = n.HasAnnotation(Counted)
                    ? n is InvocationExpressionSyntax { ArgumentList.Arguments: [var list, var value, ..] } && Quiet(lambda, list.Expression, inner: true) && Quiet(lambda, value.Expression, inner: true)
                    : ByKeyForm(n) is ElementAccessExpressionSyntax byKey && Quiet(lambda, byKey, inner: true);
                if (!quiet)
                {
                    return false;
                }

                continue;
            }

            if (n is InvocationExpressionSyntax or BaseObjectCreationExpressionSyntax or AnonymousObjectCreationExpressionSyntax or ArrayCreationExpressionSyntax
                or ImplicitArrayCreationExpressionSyntax or CollectionExpressionSyntax or InterpolatedStringExpressionSyntax or QueryExpressionSyntax
                or AnonymousFunctionExpressionSyntax)
            {
                return false;
            }
        }

        if (inner)
        {
            return true;
        }

        foreach (var n in lambda.Syntax.ExpressionBody!.DescendantNodesAndSelf())
        {
            if (n is IdentifierNameSyntax or ElementAccessExpressionSyntax
                && model.GetSymbolInfo(n, cancellation).Symbol is IPropertySymbol property
                && !property.IsIndexer
                && !SymbolEqualityComparer.Default.Equals(property.ContainingAssembly, model.Compilation.Assembly)
                && property.Name is not ("Count" or "Length" or "HasValue" or "Value" or "Key"))
            {
                return false;
            }

            // A user-defined operator or conversion (decimal's, a localized text's) runs code of its own.
            if (n is ExpressionSyntax e && model.GetSymbolInfo(e, cancellation).Symbol is IMethodSymbol { MethodKind: MethodKind.UserDefinedOperator or MethodKind.Conversion } op
                && op.ContainingType.SpecialType != SpecialType.System_Decimal)
            {
                return false;
            }
        }

        return true;
    }

    private string Write(Query plan, string name, List<(string Name, string Type, string Argument)> captures, ExpressionSyntax source,
        List<(Stage Stage, LambdaExpressionSyntax Visited)> stages, List<(Lambda Lambda, LambdaExpressionSyntax Visited)> lambdas,
        (ExpressionSyntax Source, List<(Stage Stage, LambdaExpressionSyntax Visited)> Stages)? second,
        List<(string Name, string Map, string Member, string Array)> views, List<(string Name, string List, string Member, string Cache)> tables,
        out string? fallbackMethod)
    {
        // A fallback whose lambdas capture the query's parameters is written as a method of its own: a lambda capturing a
        // parameter makes its method allocate the closure on entry, at every call, even when the loop runs and the
        // fallback does not. (The source's type must be spelled, for the method's parameter; a concatenation keeps its two
        // fallbacks, on two sources, in its method.)
        fallbackMethod = null;
        string? fallbackCall = null;
        if (plan.Op != Op.Series && second is null && captures.Count > 0 && TypeName(model.GetTypeInfo(plan.Source, cancellation).Type) is { } sourceType)
        {
            fallbackMethod = $"private {plan.Type} {name}F({sourceType} __s{string.Concat(captures.Select(c => ", " + c.Type + " " + c.Name))}) => {Fallback(plan, stages, lambdas)};";
            fallbackCall = $"{name}F(__s{string.Concat(captures.Select(c => ", " + c.Name))})";
        }

        var quiet = stages.Concat(second?.Stages ?? []).All(s => Quiet(s.Stage.Lambda, s.Visited.ExpressionBody!)) && lambdas.All(l => Quiet(l.Lambda, l.Visited.ExpressionBody!));
        if (!quiet)
        {
            // The loop charges step by step: a search answered from a table charges the meter where it is made.
            stages = [.. stages.Select(s => (s.Stage, ChargedAtOnce(s.Visited)))];
            lambdas = [.. lambdas.Select(l => (l.Lambda, ChargedAtOnce(l.Visited)))];
            second = second is { } s2 ? (s2.Source, [.. s2.Stages.Select(s => (s.Stage, ChargedAtOnce(s.Visited)))]) : null;
        }

        var w = new Writer(quiet);
        w.Line($"private {plan.Type} {name}({string.Join(", ", captures.Select(c => c.Type + " " + c.Name))})");
        w.Open();
        // The thread's budget, read once (a thread-static read each time otherwise): the loop charges it step by step, or
        // counts and charges it at the end. While the model computes its indicators in one call (__All), the meter it took
        // then; else the thread's storage.
        w.Line($"var __m = {CodeGenerator.MeterField} ?? {Budget}.Current;");

        if (plan.Op == Op.Series)
        {
            WriteSeries(w, source, lambdas[0].Lambda, lambdas[0].Visited);
        }
        else if (second is { } concatenated)
        {
            WriteConcat(w, plan, source, stages, concatenated.Source, concatenated.Stages, views);
        }
        else
        {
            WritePipeline(w, plan, source, stages, lambdas, views, tables, fallbackCall);
        }

        w.Close();
        return w.ToString();
    }

    /// <summary>The lambda with its searches answered from a table charging the meter (<c>__m</c>) instead of counting.</summary>
    private static LambdaExpressionSyntax ChargedAtOnce(LambdaExpressionSyntax lambda) =>
        lambda.ReplaceNodes(lambda.GetAnnotatedNodes(Counted).OfType<InvocationExpressionSyntax>(), (original, rewritten) =>
            rewritten.WithArgumentList(rewritten.ArgumentList.WithArguments(rewritten.ArgumentList.Arguments.Replace(
                rewritten.ArgumentList.Arguments[^1], SyntaxFactory.Argument(SyntaxFactory.IdentifierName("__m"))))));

    private static string Embed(ExpressionSyntax expression) => "(" + Text(expression) + "\n)";

    /// <summary>
    /// A rewritten expression as C# text that parses back to the same tree: each interpolation hole's expression in
    /// parentheses, since the rewriter puts calls such as <c>global::…TextGuard.Concat(…)</c> in holes, where a bare
    /// <c>::</c> would start the hole's format.
    /// </summary>
    private static string Text(SyntaxNode expression) =>
        expression.ReplaceNodes(
            expression.DescendantNodes().OfType<InterpolationSyntax>().Where(i => i.Expression is not ParenthesizedExpressionSyntax),
            (original, rewritten) => rewritten.WithExpression(SyntaxFactory.ParenthesizedExpression(rewritten.Expression)))
        .ToString();

    /// <summary>The lambda's parameter as a local holding <paramref name="value"/>.</summary>
    private static string Local(Lambda lambda, string value, ITypeSymbol valueType) =>
        (SymbolEqualityComparer.Default.Equals(lambda.Parameter.Type, valueType) ? "var" : TypeName(lambda.Parameter.Type)!)
        + " " + Parameter(lambda.Syntax).Identifier.Text + " = " + value + ";";

    /// <summary>The local that holds a lambda's value: of the type its delegate returns.</summary>
    private static string ValueType(Lambda lambda) => TypeName(lambda.Returns)!;

    private static void WriteSeries(Writer w, ExpressionSyntax length, Lambda f, LambdaExpressionSyntax visited)
    {
        // Fn.Series: the length checked, the steps reserved, then one step per element before its value.
        w.Line($"var __a = {Runtime}.SeriesArray(__m, {Embed(length)});");
        w.BeginCounting();
        w.Line("for (var __i = 0; __i < __a.Length; __i++)");
        w.Open();
        w.Charge(1);
        w.Open();
        w.Line(Local(f, "__i", f.Parameter.Type));
        w.Line($"{ValueType(f)} __v = {Embed(visited.ExpressionBody!)};");
        w.Line("__a[__i] = __v;");
        w.Close();
        w.Close();
        w.EndCounting();
        w.Line("return new global::RseRules.Core.Runtime.BudgetedList<double>(__a);");
    }

    private static void WritePipeline(Writer w, Query plan, ExpressionSyntax source, List<(Stage Stage, LambdaExpressionSyntax Visited)> stages,
        List<(Lambda Lambda, LambdaExpressionSyntax Visited)> lambdas, List<(string Name, string Map, string Member, string Array)> views,
        List<(string Name, string List, string Member, string Cache)> tables, string? fallbackCall)
    {
        var k = stages.Count;
        var fallback = fallbackCall ?? Fallback(plan, stages, lambdas);
        var element = TypeName(plan.Element)!;
        w.Line($"var __s = {Embed(source)};");
        w.Line($"var __a = {Runtime}.Items<{element}>(__s);");

        // The searches' tables, made before the loop for its array (null when the list is not one of the engine's lists or an
        // array: then the query runs as written). Each search charges the list's length and one, at most once per
        // element.
        foreach (var (table, list, member, cache) in tables)
        {
            w.Line($"var {table} = __a == null ? null : {Runtime}.Searched({list}, __a, \"{member}\", static __x => __x.{member}, ref {cache});");
        }

        var missing = string.Concat(tables.Select(t => " || " + t.Name + " == null"));
        var searched = string.Concat(tables.Select(t => $" + (long)__a.Length * {Runtime}.SearchSteps({t.Name})"));
        w.Line(w.Quiet
            ? $"if (__a == null{missing} || !{Runtime}.Fits(__m, {(k + 1).ToString(CultureInfo.InvariantCulture)}L * ((long)__a.Length + 1){searched})) return {fallback};"
            : $"if (__a == null{missing}) return {fallback};");

        WriteViews(w, views);

        // The consumer's state.
        var output = plan.Output;
        var numbers = plan.Numbers is null ? null : Underlying(plan.Numbers) ?? plan.Numbers;
        var number = numbers is null ? null : TypeName(numbers);
        switch (plan.Op)
        {
            case Op.Sum:
                w.Line($"{number} __r = 0;");
                break;
            case Op.Count:
                w.Line("int __r = 0;");
                break;
            case Op.Any:
                w.Line("bool __r = false;");
                break;
            case Op.All:
                w.Line("bool __r = true;");
                break;
            case Op.Min or Op.Max:
                w.Line($"{number} __r = default; bool __h = false;");
                break;
            case Op.Average:
                w.Line($"{(numbers!.SpecialType == SpecialType.System_Double ? "double" : "long")} __r = 0; long __c = 0;");
                break;
            case Op.First or Op.FirstOrDefault:
                w.Line($"{TypeName(output)} __r = default; bool __h = false;");
                break;
            case Op.ToArray:
                w.Line($"var __b = new {ArrayOf(TypeName(output)!, "__a.Length")}; int __c = 0;");
                break;
            case Op.Map:
                {
                    var dictionary = $"new global::System.Collections.Generic.Dictionary<{TypeName(lambdas[0].Lambda.Returns)}, {TypeName(lambdas[1].Lambda.Returns)}>({(k == 0 ? "__a.Length" : "0")})";
                    if (plan.KeyMember is null)
                    {
                        w.Line($"var __d = {dictionary};");
                        break;
                    }

                    // Keyed by a member of its own items: when the list's keys are known to be unique (__q, the list's
                    // keys in order), the map is kept as those keys and its values (no Add can fail, and reading the key
                    // of an item that is there cannot either), else made as a dictionary, Add failing where it fails.
                    w.Line($"var __q = {Runtime}.UniqueKeys(__s, \"{plan.KeyMember}\", static __x => __x.{plan.KeyMember});");
                    w.Line($"var __d = __q == null ? {dictionary} : null;");
                    w.Line($"var __p = new {ArrayOf(TypeName(lambdas[1].Lambda.Returns)!, "__a.Length")};");
                    break;
                }
            case Op.Mean:
                w.Line("double __r = 0.0; int __c = 0;");
                break;
            case Op.Product:
                w.Line("double __r = 1.0;");
                break;
            case Op.HelperSum:
                w.Line("double __r = 0.0;");
                break;
            default:
                throw new InvalidOperationException("Unexpected consumer " + plan.Op);
        }

        w.BeginCounting();
        w.Charge((k == 0 && !plan.Native ? 1 : 0) + Asks(k));
        WriteLoop(w, plan, "__a", plan.Element, stages, lambdas, number, Asks(k));
        w.EndCounting();
        WriteResult(w, plan, output, numbers, number);
    }

    /// <summary>The maps the loops read by position, laid out for their arrays (null: read by key).</summary>
    private static void WriteViews(Writer w, List<(string Name, string Map, string Member, string Array)> views)
    {
        foreach (var (view, map, member, array) in views)
        {
            w.Line($"var {view} = {Runtime}.View({map}, {array}, \"{member}\", static __x => __x.{member});");
        }
    }

    /// <summary>The steps charged each time a consumer asks a chain of <paramref name="stages"/> stages for its next element:
    /// stages 2 to k each ask the one before through a charged wrapper.</summary>
    private static int Asks(int stages) => stages >= 2 ? stages - 1 : 0;

    /// <summary>
    /// <c>first.Concat(second).ToArray()</c>: the first sequence's loop, then the second's, into one array. The formulas' LINQ
    /// charges each sequence as its own <c>ToArray()</c> would, plus one step each time <c>ToArray</c> asks the concatenation
    /// for its next element (the wrapper around it: one per element and a last one), charged with the asks of the sequence
    /// it reaches. Both sources are evaluated before the first loop, as they are before the walk; a first source that is
    /// not an array falls back before the second is evaluated, as <c>Where</c> fails on null before it is.
    /// </summary>
    private static void WriteConcat(Writer w, Query plan, ExpressionSyntax source, List<(Stage Stage, LambdaExpressionSyntax Visited)> stages,
        ExpressionSyntax secondSource, List<(Stage Stage, LambdaExpressionSyntax Visited)> secondStages, List<(string Name, string Map, string Member, string Array)> views)
    {
        var second = plan.Second!;
        string Fallback(string secondText) => $"{Chained("__s", stages)}.{second.Name}({Chained(secondText, secondStages)}).{plan.Callee}()";
        w.Line($"var __s = {Embed(source)};");
        w.Line($"var __a = {Runtime}.Items<{TypeName(plan.Element)}>(__s);");
        w.Line($"if (__a == null) return {Fallback(Embed(secondSource))};");
        w.Line($"var __t = {Embed(secondSource)};");
        w.Line($"var __a1 = {Runtime}.Items<{TypeName(second.Element)}>(__t);");
        var (k, k1) = (stages.Count, secondStages.Count);
        w.Line(w.Quiet
            ? $"if (__a1 == null || !{Runtime}.Fits(__m, {(k + 1).ToString(CultureInfo.InvariantCulture)}L * ((long)__a.Length + 1) + {(k1 + 1).ToString(CultureInfo.InvariantCulture)}L * ((long)__a1.Length + 1) + (long)__a.Length + __a1.Length + 1)) return {Fallback("__t")};"
            : $"if (__a1 == null) return {Fallback("__t")};");
        WriteViews(w, views);
        w.Line($"var __b = new {ArrayOf(TypeName(plan.Output)!, "__a.Length + __a1.Length")}; int __c = 0;");
        w.BeginCounting();
        w.Charge(1 + (k == 0 ? 1 : 0) + Asks(k));
        WriteLoop(w, plan, "__a", plan.Element, stages, [], null, 1 + Asks(k));
        w.Charge((k1 == 0 ? 1 : 0) + Asks(k1));
        WriteLoop(w, plan, "__a1", second.Element, secondStages, [], null, 1 + Asks(k1));
        w.EndCounting();
        WriteResult(w, plan, plan.Output, null, null);
    }

    /// <summary>The loop over <paramref name="array"/>: each element through the stages to the consumer's step, then
    /// <paramref name="asks"/> steps as the consumer asks for the next one.</summary>
    private static void WriteLoop(Writer w, Query plan, string array, ITypeSymbol elementType, List<(Stage Stage, LambdaExpressionSyntax Visited)> stages,
        List<(Lambda Lambda, LambdaExpressionSyntax Visited)> lambdas, string? number, int asks)
    {
        var k = stages.Count;
        w.Line($"for (var __i = 0; __i < {array}.Length; __i++)");
        w.Open();
        w.Charge(1);
        w.Line($"var __e0 = {array}[__i];");
        var current = "__e0";
        var currentType = elementType;
        for (var j = 0; j < k; j++)
        {
            var (stage, visited) = stages[j];
            if (stage.IsWhere)
            {
                w.Open();
                w.Line(Local(stage.Lambda, current, currentType));
                w.Line($"bool __w = {Embed(visited.ExpressionBody!)};");
                w.Line("if (!__w)");
                w.Open();

                // Stage j + 1 (counting from 1) asks stage j again: stages j to 2 each ask through a charged wrapper.
                w.Charge(Math.Max(0, j - 1));
                w.Line("continue;");
                w.Close();
                w.Close();
            }
            else
            {
                var next = "__e" + (j + 1).ToString(CultureInfo.InvariantCulture);
                w.Line($"{ValueType(stage.Lambda)} {next};");
                w.Open();
                w.Line(Local(stage.Lambda, current, currentType));
                w.Line($"{next} = {Embed(visited.ExpressionBody!)};");
                w.Close();
                current = next;
                currentType = stage.Output;
            }
        }

        WriteStep(w, plan, lambdas, current, currentType, number);

        // The consumer asks for the next element.
        w.Charge(asks);
        w.Close();
    }

    private static string ArrayOf(string elementType, string length)
    {
        // new T[n] for T itself an array type T2[]: new T2[n][].
        var brackets = elementType.IndexOf('[', StringComparison.Ordinal);
        return brackets < 0 ? $"{elementType}[{length}]" : $"{elementType[..brackets]}[{length}]{elementType[brackets..]}";
    }

    /// <summary>What the consumer does with one element (<paramref name="value"/>, of type <paramref name="valueType"/>).</summary>
    private static void WriteStep(Writer w, Query plan, List<(Lambda Lambda, LambdaExpressionSyntax Visited)> lambdas, string value, ITypeSymbol valueType, string? number)
    {
        string Selected(int index, string local)
        {
            var (lambda, visited) = lambdas[index];
            w.Line(Local(lambda, value, valueType));
            w.Line($"{ValueType(lambda)} {local} = {Embed(visited.ExpressionBody!)};");
            return local;
        }

        w.Open();
        switch (plan.Op)
        {
            case Op.Sum:
                {
                    var v = lambdas.Count > 0 ? Selected(0, "__v") : value;
                    w.Line(Underlying(plan.Numbers) is not null ? $"if ({v}.HasValue) __r = checked(__r + {v}.GetValueOrDefault());" : $"__r = checked(__r + {v});");
                    break;
                }

            case Op.Count:
                w.Line(lambdas.Count > 0 ? $"if ({Selected(0, "__v")}) __r = checked(__r + 1);" : "__r = checked(__r + 1);");
                break;
            case Op.Any:
                w.Line(lambdas.Count > 0 ? $"if ({Selected(0, "__v")}) {{ __r = true; break; }}" : "__r = true; break;");
                break;
            case Op.All:
                w.Line($"if (!{Selected(0, "__v")}) {{ __r = false; break; }}");
                break;
            case Op.First or Op.FirstOrDefault:
                w.Line(lambdas.Count > 0 ? $"if ({Selected(0, "__v")}) {{ __r = {value}; __h = true; break; }}" : $"__r = {value}; __h = true; break;");
                break;
            case Op.Min or Op.Max or Op.Average:
                {
                    var v = lambdas.Count > 0 ? Selected(0, "__v") : value;
                    var isDouble = number == "double";
                    if (plan.Op == Op.Average)
                    {
                        // System.Linq: the first element starts the sum (not 0 + it: -0.0 stays -0.0), then each one is added.
                        w.Line(isDouble ? $"if (__c == 0) __r = {v}; else __r += {v};" : $"if (__c == 0) __r = {v}; else __r = checked(__r + {v});");
                        w.Line("__c = checked(__c + 1);");
                    }
                    else if (plan.Op == Op.Min)
                    {
                        // System.Linq: NaN is the smallest double, and ends the walk.
                        w.Line(isDouble
                            ? $"if (!__h) {{ __h = true; __r = {v}; if (double.IsNaN(__r)) break; }} else if ({v} < __r) __r = {v}; else if (double.IsNaN({v})) {{ __r = {v}; break; }}"
                            : $"if (!__h) {{ __h = true; __r = {v}; }} else if ({v} < __r) __r = {v};");
                    }
                    else
                    {
                        // System.Linq: leading NaNs are skipped (a sequence of NaN alone gives NaN).
                        w.Line(isDouble
                            ? $"if (!__h || double.IsNaN(__r)) {{ __h = true; __r = {v}; }} else if ({v} > __r) __r = {v};"
                            : $"if (!__h) {{ __h = true; __r = {v}; }} else if ({v} > __r) __r = {v};");
                    }

                    break;
                }

            case Op.ToArray:
                w.Line($"__b[__c] = {value}; __c++;");
                break;
            case Op.Map:
                {
                    var (key, keyVisited) = lambdas[0];
                    var (item, itemVisited) = lambdas[1];
                    if (plan.KeyMember is null)
                    {
                        w.Line($"{TypeName(key.Returns)} __k;");
                        w.Open();
                    }
                    else
                    {
                        w.Line($"{TypeName(key.Returns)} __k = default;");
                        w.Line("if (__d != null)");
                        w.Open();
                    }

                    w.Line(Local(key, value, valueType));
                    w.Line($"__k = {Embed(keyVisited.ExpressionBody!)};");
                    w.Close();
                    w.Line($"{TypeName(item.Returns)} __v;");
                    w.Open();
                    w.Line(Local(item, value, valueType));
                    w.Line($"__v = {Embed(itemVisited.ExpressionBody!)};");
                    w.Close();
                    if (plan.KeyMember is null)
                    {
                        w.Line("__d.Add(__k, __v);");
                    }
                    else
                    {
                        w.Line("if (__d != null) __d.Add(__k, __v);");
                        w.Line("__p[__i] = __v;");
                    }

                    break;
                }

            case Op.Mean:
                w.Line($"__r += {value}; __c++;");
                break;
            case Op.Product:
                w.Line($"__r *= {value};");
                break;
            case Op.HelperSum:
                w.Line($"__r += {value};");
                break;
            default:
                throw new InvalidOperationException("Unexpected consumer " + plan.Op);
        }

        w.Close();
    }

    private static void WriteResult(Writer w, Query plan, ITypeSymbol output, ITypeSymbol? numbers, string? number)
    {
        switch (plan.Op)
        {
            case Op.Min or Op.Max:
                w.Line($"if (!__h) return {Runtime}.NoElements<{number}>();");
                w.Line("return __r;");
                break;
            case Op.Average:
                w.Line($"if (__c == 0) return {Runtime}.NoElements<double>();");
                w.Line(numbers!.SpecialType == SpecialType.System_Double ? "return __r / __c;" : "return (double)__r / __c;");
                break;
            case Op.First:
                w.Line($"if (!__h) return {Runtime}.{(plan.Lambdas.Count > 0 ? "NoMatch" : "NoElements")}<{TypeName(output)}>();");
                w.Line("return __r;");
                break;
            case Op.ToArray:
                w.Line($"if (__c == 0) return global::System.Array.Empty<{TypeName(output)}>();");
                w.Line("if (__c != __b.Length) global::System.Array.Resize(ref __b, __c);");
                w.Line("return __b;");
                break;
            case Op.Map:
                var map = $"new global::RseRules.Core.Runtime.BudgetedDictionary<{TypeName(plan.Lambdas[0].Returns)}, {TypeName(plan.Lambdas[1].Returns)}>(__d)";
                w.Line(plan.KeyMember is null
                    ? $"return {map};"
                    : $"return __d == null ? {Runtime}.Laid(__q, __a, \"{plan.KeyMember}\", __p) : {Runtime}.Positioned({map}, __a, \"{plan.KeyMember}\", __p);");
                break;
            case Op.Mean:
                w.Line("return __c == 0 ? 0 : __r / __c;");
                break;
            default:
                w.Line("return __r;");
                break;
        }
    }

    /// <summary>The query as written, on the source already evaluated (<c>__s</c>), its lambdas as visited (lookups by key).</summary>
    private static string Fallback(Query plan, List<(Stage Stage, LambdaExpressionSyntax Visited)> stages, List<(Lambda Lambda, LambdaExpressionSyntax Visited)> lambdas)
    {
        var chain = Chained("__s", stages);
        var args = string.Join(", ", lambdas.Select(l => ByKey(l.Visited) + "\n"));
        return plan.Op is Op.Map or Op.Mean or Op.Product or Op.HelperSum
            ? $"{plan.Callee}({string.Join(", ", new[] { chain }.Concat(lambdas.Select(l => ByKey(l.Visited) + "\n")))})"
            : $"{chain}.{plan.Callee}({args})";
    }

    /// <summary>A source and its stages as written (<c>source.Where(…).Select(…)</c>), their lambdas as visited (lookups by key).</summary>
    private static string Chained(string source, List<(Stage Stage, LambdaExpressionSyntax Visited)> stages)
    {
        var chain = new StringBuilder(source);
        foreach (var (stage, visited) in stages)
        {
            chain.Append('.').Append(stage.Name).Append('(').Append(ByKey(visited)).Append("\n)");
        }

        return chain.ToString();
    }

    /// <summary>A lambda with its lookups and searches by position by key again (<c>map[key]</c>, <c>list.Contains(value)</c>),
    /// as written.</summary>
    private static string ByKey(LambdaExpressionSyntax lambda) => Text(
        lambda.ReplaceNodes(lambda.GetAnnotatedNodes(ByPosition), (original, rewritten) => ByKeyForm(rewritten).WithTriviaFrom(original)));

    /// <summary>The form as written of a node made by position: the lookup, or the search.</summary>
    private static ExpressionSyntax ByKeyForm(SyntaxNode node) => node switch
    {
        ParenthesizedExpressionSyntax { Expression: ConditionalExpressionSyntax { WhenFalse: var byKey } } => byKey,
        InvocationExpressionSyntax { Expression: IdentifierNameSyntax, ArgumentList: var list } call => call.WithArgumentList(list.WithArguments(SyntaxFactory.SeparatedList(
            list.Arguments.Select(a => a.Expression is IdentifierNameSyntax { Identifier.ValueText: "__a" or "__i" } position
                ? a.WithExpression(SyntaxFactory.ParseExpression(position.Identifier.ValueText == "__a" ? "null" : "-1"))
                : a)))),
        InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "At" }, ArgumentList.Arguments: var a } =>
            SyntaxFactory.ElementAccessExpression(a[0].Expression, SyntaxFactory.BracketedArgumentList(SyntaxFactory.SingletonSeparatedList(a[1]))),
        InvocationExpressionSyntax { ArgumentList.Arguments: var a } =>
            SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, a[0].Expression, SyntaxFactory.IdentifierName("Contains")),
                SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(a[1]))),
        _ => throw new InvalidOperationException("Not a node made by position: " + node),
    };

    /// <summary>One lambda of the query: its syntax, its parameter, the type its delegate returns.</summary>
    private sealed record Lambda(LambdaExpressionSyntax Syntax, IParameterSymbol Parameter, ITypeSymbol Returns);

    /// <summary>A <c>Where</c> or <c>Select</c> between the source and the consumer.</summary>
    private sealed record Stage(bool IsWhere, Lambda Lambda, string Name, ITypeSymbol Input, ITypeSymbol Output);

    /// <summary>A query to lower.</summary>
    /// <param name="Op">The consumer.</param>
    /// <param name="Node">The whole query.</param>
    /// <param name="Source">The sequence walked (the series' length for <see cref="Op.Series"/>).</param>
    /// <param name="Stages">Where and Select, in order.</param>
    /// <param name="Lambdas">The consumer's lambdas.</param>
    /// <param name="Native">Whether the consumer is one of the formulas' LINQ's own loops (no enumerator charged).</param>
    /// <param name="Element">The source's element type (the series' index type).</param>
    /// <param name="Output">The consumer's element type (what First returns, ToArray collects).</param>
    /// <param name="Numbers">The type of the numbers a numeric consumer works on.</param>
    /// <param name="Type">The query's type, as C#.</param>
    /// <param name="Callee">The consumer's name as written (with type arguments), for the fallback.</param>
    /// <param name="KeyMember">For a Map of the source's own elements keyed by one of their fields: that field (the map is
    /// laid out by position as it is made).</param>
    /// <param name="Second">For <c>first.Concat(second).ToArray()</c>: the second sequence (<see cref="Source"/> and
    /// <see cref="Stages"/> are the first's).</param>
    private sealed record Query(Op Op, InvocationExpressionSyntax Node, ExpressionSyntax Source, List<Stage> Stages, List<Lambda> Lambdas, bool Native,
        ITypeSymbol Element, ITypeSymbol Output, ITypeSymbol? Numbers, string Type, string Callee, string? KeyMember = null, Concatenated? Second = null);

    /// <summary>The second sequence of <c>first.Concat(second)</c>: its source, its stages, its source's element type, and
    /// <c>Concat</c> as written (with type arguments), for the fallback.</summary>
    private sealed record Concatenated(ExpressionSyntax Source, List<Stage> Stages, ITypeSymbol Element, string Name);

    /// <summary>The method's text, and how its loop charges: each step at once, or counted and charged at the end.</summary>
    private sealed class Writer(bool quiet)
    {
        private readonly StringBuilder text = new();
        private int depth;

        /// <summary>Whether no lambda of the loop can charge: steps are counted in <c>__n</c>.</summary>
        public bool Quiet => quiet;

        public void Line(string line) => text.Append(' ', depth * 4).Append(line).Append('\n');

        public void Open()
        {
            Line("{");
            depth++;
        }

        public void Close()
        {
            depth--;
            Line("}");
        }

        /// <summary>Charges steps: counted, or one <c>Spend(1)</c> each (as the LINQ replaced charges them, so that an
        /// evaluation short of budget stops at the same step with the same budget left).</summary>
        public void Charge(int steps)
        {
            if (steps > 0 && quiet)
            {
                Line("__n += " + steps.ToString(CultureInfo.InvariantCulture) + ";");
                return;
            }

            for (var i = 0; i < steps; i++)
            {
                Line("__m.Spend(1);");
            }
        }

        public void BeginCounting()
        {
            if (quiet)
            {
                Line("long __n = 0;");
                Line("try");
                Open();
            }
        }

        public void EndCounting()
        {
            if (quiet)
            {
                Close();
                Line("catch");
                Open();
                Line($"{Runtime}.ChargeFailed(__m, __n);");
                Line("throw;");
                Close();
                Line($"{Runtime}.Charge(__m, __n);");
            }
        }

        public override string ToString() => text.ToString();
    }
}
