using System.Collections.Frozen;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace RseRules.Core.Compilation;

/// <summary>
/// The formula sandbox: an allow-list walk over each user-written expression, first over its syntax (only
/// expression forms that cannot have effects or loop), then over what every name binds to and the type of
/// every sub-expression (only the method's own types, the helper library, <see cref="Math"/>, primitive types,
/// LINQ and read-only collections). It runs on the compilation before anything is emitted.
/// </summary>
internal static class Sandbox
{
    private static readonly FrozenSet<SyntaxKind> AllowedSyntax = new[]
    {
        // names and member access
        SyntaxKind.IdentifierName, SyntaxKind.GenericName, SyntaxKind.TypeArgumentList, SyntaxKind.QualifiedName, SyntaxKind.PredefinedType,
        SyntaxKind.SimpleMemberAccessExpression, SyntaxKind.ConditionalAccessExpression, SyntaxKind.MemberBindingExpression, SyntaxKind.ElementBindingExpression,
        SyntaxKind.InvocationExpression, SyntaxKind.ArgumentList, SyntaxKind.BracketedArgumentList, SyntaxKind.Argument, SyntaxKind.ElementAccessExpression,
        SyntaxKind.NameColon,

        // literals and strings
        SyntaxKind.NumericLiteralExpression, SyntaxKind.StringLiteralExpression, SyntaxKind.CharacterLiteralExpression, SyntaxKind.TrueLiteralExpression,
        SyntaxKind.FalseLiteralExpression, SyntaxKind.NullLiteralExpression, SyntaxKind.DefaultLiteralExpression, SyntaxKind.InterpolatedStringExpression,
        SyntaxKind.InterpolatedStringText, SyntaxKind.Interpolation, SyntaxKind.InterpolationAlignmentClause, SyntaxKind.InterpolationFormatClause,

        // operators
        SyntaxKind.AddExpression, SyntaxKind.SubtractExpression, SyntaxKind.MultiplyExpression, SyntaxKind.DivideExpression, SyntaxKind.ModuloExpression,
        SyntaxKind.LogicalOrExpression, SyntaxKind.LogicalAndExpression, SyntaxKind.BitwiseOrExpression, SyntaxKind.BitwiseAndExpression,
        SyntaxKind.ExclusiveOrExpression, SyntaxKind.EqualsExpression, SyntaxKind.NotEqualsExpression, SyntaxKind.LessThanExpression,
        SyntaxKind.LessThanOrEqualExpression, SyntaxKind.GreaterThanExpression, SyntaxKind.GreaterThanOrEqualExpression, SyntaxKind.CoalesceExpression,
        SyntaxKind.IsExpression, SyntaxKind.IsPatternExpression, SyntaxKind.UnaryPlusExpression, SyntaxKind.UnaryMinusExpression,
        SyntaxKind.LogicalNotExpression, SyntaxKind.SuppressNullableWarningExpression, SyntaxKind.IndexExpression, SyntaxKind.RangeExpression,
        SyntaxKind.ConditionalExpression, SyntaxKind.ParenthesizedExpression, SyntaxKind.CastExpression,

        // lambdas (expression-bodied only: checked below)
        SyntaxKind.SimpleLambdaExpression, SyntaxKind.ParenthesizedLambdaExpression, SyntaxKind.ParameterList, SyntaxKind.Parameter,

        // queries
        SyntaxKind.QueryExpression, SyntaxKind.FromClause, SyntaxKind.QueryBody, SyntaxKind.WhereClause, SyntaxKind.SelectClause, SyntaxKind.LetClause,
        SyntaxKind.OrderByClause, SyntaxKind.AscendingOrdering, SyntaxKind.DescendingOrdering, SyntaxKind.GroupClause, SyntaxKind.JoinClause,
        SyntaxKind.JoinIntoClause, SyntaxKind.QueryContinuation,

        // switch expressions and patterns
        SyntaxKind.SwitchExpression, SyntaxKind.SwitchExpressionArm, SyntaxKind.WhenClause, SyntaxKind.ConstantPattern, SyntaxKind.DiscardPattern,
        SyntaxKind.RelationalPattern, SyntaxKind.AndPattern, SyntaxKind.OrPattern, SyntaxKind.NotPattern, SyntaxKind.ParenthesizedPattern,
        SyntaxKind.TypePattern, SyntaxKind.DeclarationPattern, SyntaxKind.SingleVariableDesignation, SyntaxKind.DiscardDesignation,
        SyntaxKind.RecursivePattern, SyntaxKind.PropertyPatternClause, SyntaxKind.PositionalPatternClause, SyntaxKind.Subpattern, SyntaxKind.ListPattern,

        // arrays, anonymous objects, tuples
        SyntaxKind.ImplicitArrayCreationExpression, SyntaxKind.ArrayCreationExpression, SyntaxKind.ArrayInitializerExpression, SyntaxKind.ArrayType,
        SyntaxKind.ArrayRankSpecifier, SyntaxKind.OmittedArraySizeExpression, SyntaxKind.NullableType, SyntaxKind.CollectionExpression,
        SyntaxKind.ExpressionElement, SyntaxKind.AnonymousObjectCreationExpression, SyntaxKind.AnonymousObjectMemberDeclarator, SyntaxKind.NameEquals,
        SyntaxKind.TupleExpression,
    }.ToFrozenSet();

    private static readonly FrozenSet<SpecialType> PrimitiveTypes = new[]
    {
        SpecialType.System_Double, SpecialType.System_Single, SpecialType.System_Int64, SpecialType.System_Int32, SpecialType.System_Int16,
        SpecialType.System_Byte, SpecialType.System_SByte, SpecialType.System_UInt16, SpecialType.System_UInt32, SpecialType.System_UInt64,
        SpecialType.System_Decimal, SpecialType.System_Boolean, SpecialType.System_String,
    }.ToFrozenSet(); // not char: a string is then no sequence formulas can query (its characters escape the evaluation budget)

    private static readonly FrozenSet<SpecialType> CastTargets = new[]
    {
        SpecialType.System_Double, SpecialType.System_Int64, SpecialType.System_Int32, SpecialType.System_Decimal,
    }.ToFrozenSet();

    /// <summary>Generic types (by metadata name) that values may have and whose read-only members formulas may use.</summary>
    private static readonly FrozenSet<string> AllowedGenericTypes = new[]
    {
        "System.Collections.Generic.IEnumerable`1", "System.Collections.Generic.IReadOnlyList`1", "System.Collections.Generic.IReadOnlyCollection`1",
        "System.Collections.Generic.IReadOnlyDictionary`2", "System.Collections.Generic.KeyValuePair`2", "System.Collections.Generic.List`1",
        "System.Collections.Generic.Dictionary`2", "System.Collections.Generic.HashSet`1", "System.Collections.Generic.Dictionary`2+KeyCollection",
        "System.Collections.Generic.Dictionary`2+ValueCollection", "System.Linq.IGrouping`2", "System.Linq.IOrderedEnumerable`1", "System.Linq.ILookup`2",
        "System.Nullable`1", "System.Func`1", "System.Func`2", "System.Func`3", "System.Func`4",
        "System.ValueTuple`2", "System.ValueTuple`3", "System.ValueTuple`4", "System.ValueTuple`5",
        "RseRules.Core.Runtime.BudgetedList`1", "RseRules.Core.Runtime.Entry`2",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Methods of the allowed collection types that formulas may call (they read, never change).</summary>
    private static readonly FrozenSet<string> CollectionMethods = new[] { "ContainsKey", "ContainsValue", "Contains", "IndexOf", "GetValueOrDefault", "ToString", "Equals" }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> StringMembers = new[]
    {
        "Length", "Chars", "Contains", "StartsWith", "EndsWith", "IndexOf", "LastIndexOf", "Substring", "Trim", "TrimStart", "TrimEnd",
        "ToUpperInvariant", "ToLowerInvariant", "Equals", "CompareOrdinal", "IsNullOrEmpty", "IsNullOrWhiteSpace", "Join", "ToString",
        "op_Equality", "op_Inequality", "op_Addition", "Empty",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Members denied on every type, even allowed ones.</summary>
    private static readonly FrozenSet<string> DeniedEverywhere = new[]
    {
        "GetType", "GetHashCode", "MemberwiseClone", "Finalize", "GetEnumerator", "Parse", "TryParse", "Deconstruct", "<Clone>$", "EqualityContract",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>LINQ operators formulas may not use: unbounded sequences, Shuffle (random), and Aggregate and AggregateBy, the
    /// folds that can double a value at every step of a literal array (2^1000 characters from a formula of a few kilobytes).</summary>
    private static readonly FrozenSet<string> DeniedLinq = new[]
    {
        "Range", "Repeat", "Sequence", "InfiniteSequence", "AsParallel", "AsQueryable", "Aggregate", "AggregateBy", "Shuffle",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Checks a standalone-parsed expression: length, depth, directives, and allowed syntax.</summary>
    public static IEnumerable<(Location Where, string Code, string Message)> CheckSyntax(SyntaxNode expression)
    {
        foreach (var node in expression.DescendantNodesAndSelf())
        {
            if (!AllowedSyntax.Contains(node.Kind()))
            {
                yield return (node.GetLocation(), "construct", $"{Describe(node)} is not allowed in a formula.");
                continue;
            }

            switch (node)
            {
                case LambdaExpressionSyntax lambda when lambda.Block is not null || lambda.Modifiers.Count > 0 || lambda.AttributeLists.Count > 0:
                    yield return (node.GetLocation(), "construct", "Only expression-bodied lambdas without modifiers are allowed.");
                    break;
                case ParameterSyntax p when p.Type is not null || p.Modifiers.Count > 0 || p.Default is not null || p.AttributeLists.Count > 0:
                    yield return (node.GetLocation(), "construct", "Lambda parameters may not declare types, modifiers or defaults.");
                    break;
                case ArgumentSyntax a when !a.RefKindKeyword.IsKind(SyntaxKind.None):
                    yield return (node.GetLocation(), "construct", $"'{a.RefKindKeyword.Text}' arguments are not allowed.");
                    break;
                case ArrayRankSpecifierSyntax rank when rank.Sizes.Any(s => !s.IsKind(SyntaxKind.OmittedArraySizeExpression)):
                    yield return (node.GetLocation(), "construct", "Arrays are created from their elements (new[] { … }), never with a size.");
                    break;
                case ArrayCreationExpressionSyntax creation when creation.Initializer is null:
                    yield return (node.GetLocation(), "construct", "Arrays are created from their elements (new[] { … }), never with a size.");
                    break;
                case FromClauseSyntax from when from.Type is not null:
                case JoinClauseSyntax join when join.Type is not null:
                    yield return (node.GetLocation(), "construct", "Query range variables may not declare a type.");
                    break;
                case CastExpressionSyntax cast when !IsNumericTypeSyntax(cast.Type):
                    yield return (node.GetLocation(), "construct", $"Casts are allowed to double, long, int and decimal only, not to '{cast.Type}'.");
                    break;
                default:
                    break;
            }
        }
    }

    /// <summary>Checks what every name in a compiled expression binds to, and the type of every sub-expression.</summary>
    public static IEnumerable<(Location Where, string Code, string Message)> CheckSemantics(SyntaxNode expression, SemanticModel model, CancellationToken cancellation = default)
    {
        var generated = model.Compilation.Assembly;
        foreach (var node in expression.DescendantNodesAndSelf())
        {
            if (node is IdentifierNameSyntax or GenericNameSyntax or InvocationExpressionSyntax or ElementAccessExpressionSyntax
                or BinaryExpressionSyntax or PrefixUnaryExpressionSyntax or MemberBindingExpressionSyntax or ElementBindingExpressionSyntax)
            {
                var info = model.GetSymbolInfo(node, cancellation);
                var symbols = info.Symbol is not null ? [info.Symbol] : info.CandidateSymbols;
                foreach (var symbol in symbols)
                {
                    if (!IsAllowedSymbol(symbol, generated, out var why))
                    {
                        yield return (node.GetLocation(), "member", why);
                    }
                }
            }

            if (node is QueryClauseSyntax or OrderingSyntax or SelectOrGroupClauseSyntax)
            {
                // Clauses carry their operation in QueryClauseInfo; select/group clauses and orderings are not clauses:
                // their operation (Select, GroupBy, OrderBy, ThenBy...) is their own symbol.
                ISymbol?[] operations = node switch
                {
                    QueryClauseSyntax clause => [model.GetQueryClauseInfo(clause, cancellation).OperationInfo.Symbol, model.GetQueryClauseInfo(clause, cancellation).CastInfo.Symbol],
                    OrderingSyntax ordering => [model.GetSymbolInfo(ordering, cancellation).Symbol],
                    _ => [model.GetSymbolInfo((SelectOrGroupClauseSyntax)node, cancellation).Symbol],
                };
                foreach (var s in operations)
                {
                    if (s is not null && !IsAllowedSymbol(s, generated, out var why))
                    {
                        yield return (node.GetLocation(), "member", why);
                    }
                }
            }

            // A name looked up in a namespace that binds to nothing is a type outside the referenced assemblies
            // (System.Diagnostics.Process, System.Net.Dns...): outside the allow-list by definition, whatever Roslyn says.
            if (node is MemberAccessExpressionSyntax or QualifiedNameSyntax)
            {
                var (left, right) = node is MemberAccessExpressionSyntax access
                    ? (access.Expression, access.Name)
                    : (((QualifiedNameSyntax)node).Left, ((QualifiedNameSyntax)node).Right);
                var whole = model.GetSymbolInfo(node, cancellation);
                if (whole.Symbol is null && whole.CandidateSymbols.IsEmpty && model.GetSymbolInfo(left, cancellation).Symbol is INamespaceSymbol ns)
                {
                    yield return (node.GetLocation(), "member", $"'{ns.ToDisplayString()}.{right.Identifier.Text}' is not available to formulas.");
                }
            }

            // Widths and formats set by a constant are checked here (the rest at run time, by TextGuard).
            if (node is InterpolationAlignmentClauseSyntax alignment && model.GetConstantValue(alignment.Value, cancellation) is { HasValue: true, Value: int or long } width
                && Runtime.TextGuard.CheckAlignment(Convert.ToInt64(width.Value, System.Globalization.CultureInfo.InvariantCulture)) is { } wide)
            {
                yield return (alignment.Value.GetLocation(), "complex", wide);
            }

            if (node is InvocationExpressionSyntax call && model.GetSymbolInfo(call, cancellation).Symbol is IMethodSymbol { Name: "ToString" } toString
                && FormatArgument(call, toString) is { } formatArgument && model.GetConstantValue(formatArgument, cancellation) is { HasValue: true, Value: string format }
                && Runtime.TextGuard.CheckFormat(format) is { } badFormat)
            {
                yield return (formatArgument.GetLocation(), "complex", badFormat);
            }

            if ((node is ExpressionSyntax or PatternSyntax or TypeSyntax) && model.GetSymbolInfo(node, cancellation).Symbol is not (ITypeSymbol or INamespaceSymbol))
            {
                var t = model.GetTypeInfo(node, cancellation);
                foreach (var type in new[] { t.Type, t.ConvertedType })
                {
                    if (type is not null && !IsAllowedType(type, generated))
                    {
                        yield return (node.GetLocation(), "member", $"Values of type '{type.ToDisplayString()}' are not allowed in a formula.");
                        break;
                    }
                }
            }
        }
    }

    /// <summary>The argument passed for the <c>format</c> parameter of a <c>ToString</c> call, or null.</summary>
    internal static ExpressionSyntax? FormatArgument(InvocationExpressionSyntax call, IMethodSymbol method)
    {
        var index = method.Parameters.IndexOf(method.Parameters.FirstOrDefault(p => p.Name == "format" && p.Type.SpecialType == SpecialType.System_String)!);
        if (index < 0)
        {
            return null;
        }

        var arguments = call.ArgumentList.Arguments;
        return arguments.FirstOrDefault(a => a.NameColon?.Name.Identifier.ValueText == "format")?.Expression
            ?? (index < arguments.Count && arguments[index].NameColon is null ? arguments[index].Expression : null);
    }

    private static bool IsNumericTypeSyntax(TypeSyntax type) => type switch
    {
        PredefinedTypeSyntax p => p.Keyword.Kind() is SyntaxKind.DoubleKeyword or SyntaxKind.LongKeyword or SyntaxKind.IntKeyword or SyntaxKind.DecimalKeyword,
        NullableTypeSyntax n => IsNumericTypeSyntax(n.ElementType),
        _ => false,
    };

    private static string Describe(SyntaxNode node)
    {
        var text = node.ToString();
        if (text.Length > 40)
        {
            text = text[..37] + "...";
        }

        var kind = node.Kind().ToString();
        return $"'{text}' ({kind})";
    }

    private static bool IsAllowedSymbol(ISymbol symbol, IAssemblySymbol generated, out string why)
    {
        why = string.Empty;
        switch (symbol)
        {
            case ILocalSymbol or IParameterSymbol or IRangeVariableSymbol or IDiscardSymbol or INamespaceSymbol:
                return true;
            case ITypeSymbol type:
                if (IsAllowedType(type, generated) || IsHelperType(type) || IsMath(type) || IsLinqStatic(type))
                {
                    return true;
                }

                why = $"'{type.ToDisplayString()}' is not available to formulas.";
                return false;
            default:
                break;
        }

        var member = symbol;
        if (member is IMethodSymbol { MethodKind: MethodKind.BuiltinOperator })
        {
            return true;
        }

        if (member is IMethodSymbol { ReducedFrom: { } reduced })
        {
            member = reduced;
        }

        var container = member.ContainingType;
        var name = member.Name;
        var display = container is null ? name : $"{container.ToDisplayString()}.{name}";
        if (container is null)
        {
            why = $"'{display}' is not available to formulas.";
            return false;
        }

        if (DeniedEverywhere.Contains(name) || name.StartsWith("__", StringComparison.Ordinal))
        {
            why = $"'{display}' is not available to formulas.";
            return false;
        }

        if (SymbolEqualityComparer.Default.Equals(container.ContainingAssembly, generated))
        {
            return member.Kind is SymbolKind.Property or SymbolKind.Field;
        }

        if (IsHelperType(container))
        {
            return member.DeclaredAccessibility == Accessibility.Public;
        }

        if (IsScaleInfo(container))
        {
            if (name is "Min" or "Max" or "Levels" or "Label" or "ToString" or "Equals")
            {
                return true;
            }

            why = $"'{display}' is not available to formulas.";
            return false;
        }

        if (IsLocalizedText(container))
        {
            if (name is "Fr" or "En" or "In" or "ToString" or "Equals" or "op_Equality" or "op_Inequality")
            {
                return true;
            }

            why = $"'{display}' is not available to formulas.";
            return false;
        }

        if (IsMath(container))
        {
            return true;
        }

        if (IsLinqStatic(container))
        {
            if (DeniedLinq.Contains(name))
            {
                why = name == "Shuffle"
                    ? "'Enumerable.Shuffle' is not available to formulas (not deterministic)."
                    : $"'Enumerable.{name}' is not available to formulas (unbounded sequences or folds); use Seq(start, count).";
                return false;
            }

            return true;
        }

        if (container.SpecialType == SpecialType.System_String)
        {
            if (StringMembers.Contains(name))
            {
                return true;
            }

            why = $"'string.{name}' is not available to formulas.";
            return false;
        }

        if (PrimitiveTypes.Contains(container.SpecialType) || container.SpecialType == SpecialType.System_Object)
        {
            if (container.SpecialType == SpecialType.System_Object && name is not ("ToString" or "Equals"))
            {
                why = $"'object.{name}' is not available to formulas.";
                return false;
            }

            return true;
        }

        if (container.SpecialType == SpecialType.System_Array && name is "Length")
        {
            return true;
        }

        if (IsAllowedGeneric(container) || container.IsAnonymousType || container.IsTupleType)
        {
            if (member is IPropertySymbol or IFieldSymbol || CollectionMethods.Contains(name) || container.IsAnonymousType || container.IsTupleType
                || (member is IMethodSymbol { MethodKind: MethodKind.DelegateInvoke } && container.TypeKind == TypeKind.Delegate)
                || (container.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T && name is "GetValueOrDefault"))
            {
                return true;
            }

            why = $"'{display}' is not available to formulas (collections are read-only).";
            return false;
        }

        why = $"'{display}' is not available to formulas.";
        return false;
    }

    private static bool IsAllowedType(ITypeSymbol type, IAssemblySymbol generated)
    {
        switch (type)
        {
            case IArrayTypeSymbol array:
                return IsAllowedType(array.ElementType, generated);
            case IErrorTypeSymbol:
                return true; // already a compile error, reported by Roslyn
            case ITypeParameterSymbol:
                return true;
            case INamedTypeSymbol named:
                if (PrimitiveTypes.Contains(named.SpecialType) || named.SpecialType == SpecialType.System_Object)
                {
                    return true;
                }

                if (SymbolEqualityComparer.Default.Equals(named.ContainingAssembly, generated) || IsLocalizedText(named) || IsScaleInfo(named))
                {
                    return true;
                }

                if (named.IsAnonymousType)
                {
                    return named.GetMembers().OfType<IPropertySymbol>().All(p => IsAllowedType(p.Type, generated));
                }

                if (named.IsTupleType)
                {
                    return named.TupleElements.All(e => IsAllowedType(e.Type, generated));
                }

                return IsAllowedGeneric(named) && named.TypeArguments.All(a => IsAllowedType(a, generated));
            default:
                return false;
        }
    }

    private static bool IsAllowedGeneric(INamedTypeSymbol type)
    {
        var def = type.OriginalDefinition;
        var name = def.ContainingType is { } outer
            ? $"{outer.ContainingNamespace.ToDisplayString()}.{outer.MetadataName}+{def.MetadataName}"
            : $"{def.ContainingNamespace.ToDisplayString()}.{def.MetadataName}";
        return AllowedGenericTypes.Contains(name);
    }

    private static bool IsHelperType(ITypeSymbol type) =>
        type.Name == "Fn" && type.ContainingNamespace.ToDisplayString() == "RseRules.Core.Runtime";

    private static bool IsLocalizedText(ITypeSymbol type) =>
        type.Name == "LocalizedText" && type.ContainingNamespace.ToDisplayString() == "RseRules.Core.Model";

    private static bool IsScaleInfo(ITypeSymbol type) =>
        type.Name == "ScaleInfo" && type.ContainingNamespace.ToDisplayString() == "RseRules.Core.Runtime";

    private static bool IsMath(ITypeSymbol type) =>
        type.Name == "Math" && type.ContainingNamespace.ToDisplayString() == "System";

    /// <summary>The LINQ formulas get: System.Linq's operators forwarded with every element charged to the budget. System.Linq's
    /// own <c>Enumerable</c> is not available (named in full, it would walk sequences the budget does not see).</summary>
    private static bool IsLinqStatic(ITypeSymbol type) =>
        type.Name == "Enumerable" && type.ContainingNamespace.ToDisplayString() == "RseRules.Core.Runtime.Linq";
}
