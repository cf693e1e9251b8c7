using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using RseRules.Core.Diagnostics;
using RseRules.Core.Model;
using RseRules.Core.Validation;
using TypeKind = RseRules.Core.Model.TypeKind;

namespace RseRules.Core.Compilation;

/// <summary>
/// Checks of a formula that need what it binds to, beyond the sandbox: a division of two integers in a formula whose
/// value is a number (a warning: the quotient is truncated), and a map parameter read at a literal key it does not have
/// (an error in format 2, a warning in format 1, whose methods must stay valid).
/// </summary>
internal static class FormulaChecks
{
    /// <summary>Reports a problem at an offset of the formula's text.</summary>
    public delegate void Report(int index, DiagnosticCode code, string message, Severity severity);

    public static void Check(MethodDefinition method, FormulaSpan span, SyntaxNode node, SemanticModel model, Report report, CancellationToken cancellation)
    {
        var numeric = span.Kind == FormulaKind.Indicator && IsNumeric(method.Indicators[span.OwnerIndex].Type);
        foreach (var n in node.DescendantNodesAndSelf())
        {
            switch (n)
            {
                case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.DivideExpression } division when numeric:
                    if (IsIntegral(model.GetTypeInfo(division.Left, cancellation).Type) && IsIntegral(model.GetTypeInfo(division.Right, cancellation).Type))
                    {
                        report(division.OperatorToken.SpanStart - span.Start, DiagnosticCode.IntegerDivision,
                            $"'{division}' divides two integers, which drops the fraction ({TypeName(model, division.Left, cancellation)} / {TypeName(model, division.Right, cancellation)}); "
                            + "write '(double)' before the left operand if a fraction is meant", Severity.Warning);
                    }

                    break;
                case ElementAccessExpressionSyntax { ArgumentList.Arguments: [{ Expression: var argument }] } access:
                    CheckKey(method, span, access, argument, model, report, cancellation);
                    break;
                default:
                    break;
            }
        }
    }

    /// <summary>A number indicator, or a series, list or map of numbers.</summary>
    private static bool IsNumeric(TypeSpec type) =>
        type.Kind is TypeKind.Number or TypeKind.Series || (type.Kind is TypeKind.List or TypeKind.Map && type.Of?.Kind == TypeKind.Number);

    private static bool IsIntegral(ITypeSymbol? type) =>
        type?.SpecialType is SpecialType.System_Int64 or SpecialType.System_Int32 or SpecialType.System_Int16 or SpecialType.System_Byte
            or SpecialType.System_SByte or SpecialType.System_UInt16 or SpecialType.System_UInt32 or SpecialType.System_UInt64;

    private static string TypeName(SemanticModel model, ExpressionSyntax e, CancellationToken cancellation) =>
        model.GetTypeInfo(e, cancellation).Type?.ToDisplayString() ?? "?";

    /// <summary>A map parameter (or a map keyed by a collection parameter, whose keys are known) read at a constant key it lacks.</summary>
    private static void CheckKey(MethodDefinition method, FormulaSpan span, ElementAccessExpressionSyntax access, ExpressionSyntax argument, SemanticModel model,
        Report report, CancellationToken cancellation)
    {
        if (model.GetSymbolInfo(access.Expression, cancellation).Symbol is not IPropertySymbol property
            || property.ContainingType.Name is not (CodeGenerator.ModelClass or CodeGenerator.ParametersClass))
        {
            return;
        }

        var constant = model.GetConstantValue(argument, cancellation);
        if (!constant.HasValue || constant.Value is null)
        {
            return;
        }

        var key = Convert.ToString(constant.Value, CultureInfo.InvariantCulture)!;
        var name = property.Name;
        List<string>? known = null;
        string what;
        if (method.Parameters.FirstOrDefault(p => p.Id == name) is { Type.Kind: TypeKind.Map } parameter && parameter.Value is Newtonsoft.Json.Linq.JObject value)
        {
            known = [.. value.Properties().Select(p => p.Name)];
            what = $"map parameter '{name}'";
            if (parameter.Type.HasIntegerKeys)
            {
                known = [.. known.Select(k => long.TryParse(k, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) ? l.ToString(CultureInfo.InvariantCulture) : k)];
            }
        }
        else if (method.Inputs.FirstOrDefault(i => i.Id == name) is { Type: { Kind: TypeKind.Map, Keys: { } keys } } input && input.Default is not null
                 && method.Parameters.FirstOrDefault(p => p.Id == keys) is { Type: { Kind: TypeKind.Collection, Key: { } keyField } } collection)
        {
            known = MethodValidator.KeysOf(collection.Value, keyField);
            what = $"map '{name}' (keyed by collection parameter '{keys}')";
        }
        else
        {
            return;
        }

        if (known.Contains(key, StringComparer.Ordinal))
        {
            return;
        }

        report(argument.SpanStart - span.Start, DiagnosticCode.UnknownParameterKey,
            $"'{key}' is not a key of {what} (keys: {string.Join(", ", known)}){MethodValidator.Suggest(key, known)}",
            method.FormatVersion >= 2 ? Severity.Error : Severity.Warning);
    }
}
