using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace RseRules.Core.Compilation;

/// <summary>
/// Rewrites the formulas of a checked compilation for what their text operations cost, before it is emitted: the
/// sandbox sees the formulas as their authors wrote them, the emitted code charges and bounds every text it makes or
/// walks through <see cref="Runtime.TextGuard"/>:
/// <list type="bullet">
/// <item><c>a + b</c> on texts → <c>TextGuard.Concat(a, b)</c>; <c>$"…"</c> → <c>TextGuard.Interpolate($"…")</c> (its
/// holes' widths and formats checked); <c>string.Join(…)</c> → <c>TextGuard.Join(…)</c>;</item>
/// <item><c>x.ToString(format)</c> → <c>x.ToString(TextGuard.Format(format))</c>;</item>
/// <item><c>s.Contains(…)</c>, <c>IndexOf</c>, <c>Substring</c>, <c>Trim</c>… → <c>TextGuard.Read(s).Contains(…)</c>, and
/// <c>a == b</c> on texts → <c>TextGuard.Equal(a, b)</c>: charged by the length walked (a concatenation compared with a
/// text → <c>TextGuard.ConcatEqual</c>/<c>EqualConcat</c>: compared without being made, charged as made then compared);</item>
/// <item><c>list.Contains(x)</c>, <c>IndexOf</c>, <c>dictionary.ContainsValue(v)</c> → <c>Budget.Walk(list).Contains(x)</c>:
/// charged one step per element.</item>
/// </list>
/// Only nodes inside the formulas' spans are touched, and the rewritten code binds to the same members with the same
/// results (the guards return what the operation they wrap returns). With a <see cref="FormulaLowering"/>, the queries it
/// recognises become calls to loops it writes (their parts rewritten as above), added to the model class.
/// </summary>
internal sealed class FormulaRewriter(SemanticModel model, IReadOnlyList<FormulaSpan> spans, CancellationToken cancellation, FormulaLowering? lowering = null)
    : CSharpSyntaxRewriter
{
    private const string Guard = "global::RseRules.Core.Runtime.TextGuard";

    /// <summary>String members whose cost is the length of the text they are called on.</summary>
    private static readonly HashSet<string> WalkingMembers = new(StringComparer.Ordinal)
    {
        "Contains", "IndexOf", "LastIndexOf", "StartsWith", "EndsWith", "Substring", "Trim", "TrimStart", "TrimEnd",
        "ToUpperInvariant", "ToLowerInvariant", "Equals", "CompareTo",
    };

    private readonly TextSpan[] formulas = [.. spans.Select(s => new TextSpan(s.Start, s.Text.Length)).OrderBy(s => s.Start)];

    private int[]? starts;

    public override SyntaxNode? Visit(SyntaxNode? node)
    {
        // Outside every formula: nothing to rewrite below, unless a formula lies within.
        if (node is null || !Overlaps(node.Span))
        {
            return node;
        }

        cancellation.ThrowIfCancellationRequested();
        return base.Visit(node);
    }

    public override SyntaxNode? VisitBinaryExpression(BinaryExpressionSyntax node)
    {
        var visited = (BinaryExpressionSyntax)base.VisitBinaryExpression(node)!;
        if (!Inside(node.Span) || model.GetConstantValue(node, cancellation).HasValue)
        {
            return visited;
        }

        if (node.IsKind(SyntaxKind.AddExpression) && model.GetTypeInfo(node, cancellation).Type?.SpecialType == SpecialType.System_String)
        {
            return Call("Concat", visited.Left, visited.Right).WithTriviaFrom(node);
        }

        if (node.Kind() is SyntaxKind.EqualsExpression or SyntaxKind.NotEqualsExpression
            && model.GetSymbolInfo(node, cancellation).Symbol is IMethodSymbol { ContainingType.SpecialType: SpecialType.System_String })
        {
            var equal = node.IsKind(SyntaxKind.EqualsExpression);

            // A concatenation compared with a text is compared without being made: `c == a + b` always (c comes first
            // either way), `a + b == c` when c is a name or a literal (reading it cannot fail or charge, so it may come
            // before the concatenation's charge).
            ExpressionSyntax? fused = TextConcatenation(node.Right, visited.Right) is { } right
                ? Call("EqualConcat", visited.Left, right.A, right.B)
                : TextConcatenation(node.Left, visited.Left) is { } left && IsNameOrLiteral(node.Right)
                    ? Call("ConcatEqual", left.A, left.B, visited.Right)
                    : null;
            if (fused is not null)
            {
                return (equal ? fused : PrefixUnaryExpression(SyntaxKind.LogicalNotExpression, ParenthesizedExpression(fused))).WithTriviaFrom(node);
            }

            return Call(equal ? "Equal" : "NotEqual", visited.Left, visited.Right).WithTriviaFrom(node);
        }

        return visited;
    }

    public override SyntaxNode? VisitInterpolatedStringExpression(InterpolatedStringExpressionSyntax node)
    {
        var visited = (ExpressionSyntax)base.VisitInterpolatedStringExpression(node)!;
        return Inside(node.Span) && !model.GetConstantValue(node, cancellation).HasValue
            && model.GetTypeInfo(node, cancellation).ConvertedType?.SpecialType == SpecialType.System_String
            ? Call("Interpolate", visited).WithTriviaFrom(node)
            : visited;
    }

    public override SyntaxNode? VisitClassDeclaration(ClassDeclarationSyntax node)
    {
        var visited = (ClassDeclarationSyntax)base.VisitClassDeclaration(node)!;
        return lowering is { Methods.Count: > 0 } && node.Identifier.Text == CodeGenerator.ModelClass
            ? visited.AddMembers([.. lowering.Methods])
            : visited;
    }

    public override SyntaxNode? VisitInvocationExpression(InvocationExpressionSyntax node)
    {
        if (lowering is not null && Inside(node.Span) && lowering.TryLower(node, Visit) is { } lowered)
        {
            return lowered;
        }

        var visited = (InvocationExpressionSyntax)base.VisitInvocationExpression(node)!;
        if (lowering?.PositionalContains(node, visited) is { } contains)
        {
            return contains;
        }

        if (!Inside(node.Span) || model.GetSymbolInfo(node, cancellation).Symbol is not IMethodSymbol method)
        {
            return visited;
        }

        var onString = method.ContainingType?.SpecialType == SpecialType.System_String;
        if (onString && method.IsStatic && method.Name == "Join")
        {
            return visited.WithExpression(ParseExpression(Guard + ".Join").WithTriviaFrom(visited.Expression));
        }

        if (method.Name == "ToString" && Sandbox.FormatArgument(node, method) is { } format)
        {
            var index = node.ArgumentList.Arguments.IndexOf(a => a.Expression == format);
            var argument = visited.ArgumentList.Arguments[index];
            return visited.WithArgumentList(visited.ArgumentList.WithArguments(
                visited.ArgumentList.Arguments.Replace(argument, argument.WithExpression(Call("Format", argument.Expression)))));
        }

        if (onString && !method.IsStatic && WalkingMembers.Contains(method.Name) && visited.Expression is MemberAccessExpressionSyntax access)
        {
            return visited.WithExpression(access.WithExpression(Call("Read", access.Expression)));
        }

        if (SearchesACollection(method) && visited.Expression is MemberAccessExpressionSyntax searched)
        {
            return visited.WithExpression(searched.WithExpression(InvocationExpression(
                ParseExpression("global::RseRules.Core.Runtime.Budget.Walk"), ArgumentList(SingletonSeparatedList(Argument(searched.Expression.WithoutTrivia())))).WithTriviaFrom(searched.Expression)));
        }

        return visited;
    }

    public override SyntaxNode? VisitElementAccessExpression(ElementAccessExpressionSyntax node)
    {
        var visited = (ElementAccessExpressionSyntax)base.VisitElementAccessExpression(node)!;
        return lowering?.Positional(node, visited) ?? visited;
    }

    public override SyntaxNode? VisitConditionalAccessExpression(ConditionalAccessExpressionSyntax node)
    {
        var visited = (ConditionalAccessExpressionSyntax)base.VisitConditionalAccessExpression(node)!;
        return Inside(node.Span) && node.WhenNotNull is InvocationExpressionSyntax { Expression: MemberBindingExpressionSyntax } call
            && model.GetSymbolInfo(call, cancellation).Symbol is IMethodSymbol { IsStatic: false, ContainingType.SpecialType: SpecialType.System_String } method
            && WalkingMembers.Contains(method.Name)
            ? visited.WithExpression(Call("Read", visited.Expression))
            : visited;
    }

    /// <summary>A member of a list or dictionary that walks it (the LINQ operators are charged by themselves).</summary>
    private static bool SearchesACollection(IMethodSymbol method) =>
        !method.IsStatic && method.ContainingType?.OriginalDefinition.ToDisplayString() is "System.Collections.Generic.List<T>" or "System.Collections.Generic.Dictionary<TKey, TValue>"
        && method.Name is "Contains" or "IndexOf" or "LastIndexOf" or "ContainsValue";

    /// <summary>The two texts of <paramref name="original"/> when it is <c>a + b</c> of two texts (parenthesized or not), as
    /// rewritten (<paramref name="visited"/>: <c>TextGuard.Concat(a, b)</c>); else null.</summary>
    private (ExpressionSyntax A, ExpressionSyntax B)? TextConcatenation(ExpressionSyntax original, ExpressionSyntax visited)
    {
        while (original is ParenthesizedExpressionSyntax p && visited is ParenthesizedExpressionSyntax q)
        {
            original = p.Expression;
            visited = q.Expression;
        }

        return original is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.AddExpression } add
            && model.GetTypeInfo(add.Left, cancellation).Type?.SpecialType == SpecialType.System_String
            && model.GetTypeInfo(add.Right, cancellation).Type?.SpecialType == SpecialType.System_String
            && visited is InvocationExpressionSyntax { ArgumentList.Arguments: [var a, var b] } call
            && call.Expression.ToString() == Guard + ".Concat"
                ? (a.Expression, b.Expression)
                : null;
    }

    /// <summary>Whether reading <paramref name="expression"/> can neither fail nor charge: a name (a local, a parameter, an
    /// input, an indicator) or a literal.</summary>
    private static bool IsNameOrLiteral(ExpressionSyntax expression) => expression switch
    {
        ParenthesizedExpressionSyntax p => IsNameOrLiteral(p.Expression),
        IdentifierNameSyntax or LiteralExpressionSyntax => true,
        _ => false,
    };

    private static InvocationExpressionSyntax Call(string name, params ExpressionSyntax[] arguments) =>
        InvocationExpression(ParseExpression(Guard + "." + name), ArgumentList(SeparatedList(arguments.Select(a => Argument(a.WithoutTrivia())))));

    /// <summary>Whether a formula holds the whole span (formulas do not overlap: the last one starting at or before it).</summary>
    private bool Inside(TextSpan span)
    {
        var i = Last(span.Start);
        return i >= 0 && formulas[i].Contains(span);
    }

    /// <summary>Whether the span holds or crosses part of a formula.</summary>
    private bool Overlaps(TextSpan span)
    {
        var i = Last(span.Start);
        return (i >= 0 && formulas[i].End > span.Start) || (i + 1 < formulas.Length && formulas[i + 1].Start < span.End);
    }

    /// <summary>The index of the last formula starting at or before <paramref name="position"/>, or -1.</summary>
    private int Last(int position)
    {
        starts ??= [.. formulas.Select(f => f.Start)];
        var i = Array.BinarySearch(starts, position);
        return i >= 0 ? i : ~i - 1;
    }
}
