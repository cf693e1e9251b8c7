using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using RseRules.Core.Runtime;

namespace RseRules.Core.Compilation;

/// <summary>
/// How complex one formula may be, checked on its syntax before Roslyn binds it: the C# compiler's work grows faster than
/// the text for some shapes — nested lambdas passed to overloaded methods (<c>a.Sum(x =&gt; b.Sum(y =&gt; …))</c>, ten
/// overloads a level: 23 s at five levels, minutes at six), query clauses that each wrap the range variables in one
/// more anonymous type (<c>let</c>, <c>from</c>, <c>join</c>: 200 <c>let</c>s took 10 s and 330 MB, 1,700 exhausted 15 GB) —
/// so a formula of a few hundred characters could stall or kill the compiler. Each limit is far above what a method
/// needs (the norm: 2 nested lambdas, 0 query clauses, 180 syntax nodes at most) and keeps one formula's compilation under
/// a second. Reaching one is <c>RSE4006</c> at the place that goes over. The whole compilation is bounded too
/// (<see cref="CompileOptions.TimeLimit"/>, <see cref="CompileOptions.MemoryLimit"/>).
/// </summary>
public static class FormulaLimits
{
    /// <summary>Longest formula, in characters.</summary>
    public const int MaxLength = 20_000;

    /// <summary>Deepest syntax nesting.</summary>
    public const int MaxDepth = 120;

    /// <summary>Lambdas (and query bodies, whose clauses are lambdas) nested in one another.</summary>
    public const int MaxLambdaNesting = 4;

    /// <summary>Query clauses (<c>from</c>, <c>let</c>, <c>join</c>, <c>where</c>, <c>orderby</c> keys, <c>select</c>,
    /// <c>group</c>, <c>into</c>) in one formula.</summary>
    public const int MaxQueryClauses = 32;

    /// <summary>Syntax nodes of one formula.</summary>
    public const int MaxSyntaxNodes = 8_000;

    /// <summary>The problems of an expression with these limits, and with the widths and formats of its interpolation
    /// holes (<see cref="TextGuard.MaxAlignment"/>, <see cref="TextGuard.CheckFormat"/>): where (offset in the parsed
    /// text) and what.</summary>
    internal static IEnumerable<(int Position, string Message)> Check(SyntaxNode expression)
    {
        var nodes = 0;
        var clauses = 0;
        var reportedNesting = false;
        var stack = new Stack<(SyntaxNode Node, int Nesting)>();
        stack.Push((expression, 0));
        while (stack.Count > 0)
        {
            var (node, nesting) = stack.Pop();
            if (++nodes == MaxSyntaxNodes + 1)
            {
                yield return (node.SpanStart, $"The formula has more than {MaxSyntaxNodes:N0} syntax nodes; at most {MaxSyntaxNodes:N0} are accepted.");
            }

            if (node is QueryClauseSyntax or SelectOrGroupClauseSyntax or OrderingSyntax or QueryContinuationSyntax && ++clauses == MaxQueryClauses + 1)
            {
                yield return (node.SpanStart, $"The formula has more than {MaxQueryClauses} query clauses; at most {MaxQueryClauses} are accepted (split it into several indicators).");
            }

            var inner = nesting + (node is LambdaExpressionSyntax or QueryBodySyntax ? 1 : 0);
            if (inner > MaxLambdaNesting && !reportedNesting)
            {
                reportedNesting = true;
                yield return (node.SpanStart, $"Lambdas and queries are nested {inner} deep here; at most {MaxLambdaNesting} are accepted (compute the inner part as an indicator of its own).");
            }

            switch (node)
            {
                case InterpolationAlignmentClauseSyntax alignment when LiteralInteger(alignment.Value) is { } width && TextGuard.CheckAlignment(width) is { } wide:
                    yield return (alignment.Value.SpanStart, wide);
                    break;
                case InterpolationFormatClauseSyntax format when TextGuard.CheckFormat(format.FormatStringToken.ValueText) is { } bad:
                    yield return (format.FormatStringToken.SpanStart, bad);
                    break;
                default:
                    break;
            }

            foreach (var child in node.ChildNodes())
            {
                stack.Push((child, inner));
            }
        }
    }

    /// <summary>The value of an integer literal, possibly negated (the alignment of a message hole, whose semantics the
    /// sandbox does not bind), or null.</summary>
    internal static long? LiteralInteger(ExpressionSyntax expression) => expression switch
    {
        LiteralExpressionSyntax { Token.Value: ulong big } => big > long.MaxValue ? long.MaxValue : (long)big,
        LiteralExpressionSyntax { Token.Value: int or long or uint } literal => Convert.ToInt64(literal.Token.Value, System.Globalization.CultureInfo.InvariantCulture),
        PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.UnaryMinusExpression, Operand: var operand } => -LiteralInteger(operand),
        ParenthesizedExpressionSyntax p => LiteralInteger(p.Expression),
        _ => null,
    };
}
