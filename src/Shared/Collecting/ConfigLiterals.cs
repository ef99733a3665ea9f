using System.Globalization;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Checkpoint.SourceRules;

/// <summary>The defaults of a config record: a member's constant initializer as a C# expression of the member's type.</summary>
internal static class ConfigLiterals
{

    /// <summary>
    /// The member's initializer when it is a compile-time constant (it means the same in the record as in the
    /// model), else empty.
    /// </summary>
    public static string DefaultValue(ISymbol member, ITypeSymbol type, CollectorContext context, CancellationToken cancellationToken)
    {
        if (member.DeclaringSyntaxReferences.Length == 0) return "";
        var syntax = member.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken);
        var initializer = syntax switch
        {
            VariableDeclaratorSyntax variable => variable.Initializer?.Value,
            PropertyDeclarationSyntax property => property.Initializer?.Value,
            _ => null,
        };
        if (initializer is null) return "";
        // A literal is its own value (what binding it would give); anything else asks a semantic model.
        if (LiteralValue(initializer, out var value)) return Literal(value, type);
        var constant = context.SemanticModel(syntax.SyntaxTree).GetConstantValue(initializer, cancellationToken);
        return constant.HasValue ? Literal(constant.Value, type) : "";
    }

    private static bool LiteralValue(ExpressionSyntax expression, out object? value)
    {
        value = null;
        if (expression is not LiteralExpressionSyntax literal) return false;
        switch (literal.Kind())
        {
            case SyntaxKind.NumericLiteralExpression:
            case SyntaxKind.StringLiteralExpression:
            case SyntaxKind.CharacterLiteralExpression:
            case SyntaxKind.TrueLiteralExpression:
            case SyntaxKind.FalseLiteralExpression:
            case SyntaxKind.NullLiteralExpression:
                value = literal.Token.Value;
                return true;
            default:
                return false;
        }
    }

    /// <summary>A constant as a C# expression of <paramref name="type"/>: cast unless the literal already has that type; empty for float NaN and infinities.</summary>
    public static string Literal(object? value, ITypeSymbol type)
    {
        if (value is null) return "null";
        var literal = value switch
        {
            string text => SymbolDisplay.FormatLiteral(text, quote: true),
            bool flag => flag ? "true" : "false",
            float f => f.ToString("R", CultureInfo.InvariantCulture) + "f",
            double d => Double(d),
            decimal m => m.ToString(CultureInfo.InvariantCulture) + "m",
            _ => SymbolDisplay.FormatPrimitive(value, quoteStrings: true, useHexadecimalNumbers: false),
        };
        if (value is float single && (float.IsNaN(single) || float.IsInfinity(single))) return "";
        // Literals of int, double, float, decimal, bool and string already have the member's type.
        return type.SpecialType is SpecialType.System_String or SpecialType.System_Int32 or SpecialType.System_Double
            or SpecialType.System_Single or SpecialType.System_Decimal or SpecialType.System_Boolean
            ? literal
            : $"({SymbolNames.TypeName(type)})({literal})";
    }

    // As the emitters write doubles (Emitting/Literals.Double): exact round trip, named non-finite values.
    private static string Double(double value)
    {
        if (double.IsNaN(value)) return "double.NaN";
        if (double.IsPositiveInfinity(value)) return "double.PositiveInfinity";
        if (double.IsNegativeInfinity(value)) return "double.NegativeInfinity";
        return value.ToString("R", CultureInfo.InvariantCulture) + "d";
    }
}
