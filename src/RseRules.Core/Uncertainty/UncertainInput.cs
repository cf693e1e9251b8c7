namespace RseRules.Core.Uncertainty;

/// <summary>An input value given as a distribution in an input document.</summary>
/// <param name="Pointer">RFC 6901 pointer of the value in the document (also its path in the bound values).</param>
/// <param name="Distribution">The distribution.</param>
/// <param name="IsInteger">Whether the input is an integer: its samples are rounded half away from zero.</param>
public sealed record UncertainInput(string Pointer, Distribution Distribution, bool IsInteger)
{
    /// <summary>The value a plain evaluation uses: <see cref="Distribution.Central"/>, rounded half away from zero for an integer.</summary>
    public object Central => Bind(Distribution.Central);

    /// <summary>A number as the bound value of this input: a double, or a long rounded half away from zero.</summary>
    public object Bind(double value) => IsInteger ? (object)(long)Math.Round(value, MidpointRounding.AwayFromZero) : value;
}
