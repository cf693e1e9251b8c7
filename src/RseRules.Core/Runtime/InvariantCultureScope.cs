using System.Globalization;

namespace RseRules.Core.Runtime;

/// <summary>
/// The invariant culture as the thread's current culture while formulas run (what a formula's <c>ToString()</c> and
/// parsing see, so that results do not depend on the machine), the thread's own culture given back on
/// <see cref="Dispose"/>; nothing changed when it is already the invariant culture.
/// </summary>
internal readonly struct InvariantCultureScope : IDisposable
{
    private readonly CultureInfo? previous;

    private InvariantCultureScope(CultureInfo? previous) => this.previous = previous;

    /// <summary>Makes the invariant culture current until the scope is disposed.</summary>
    public static InvariantCultureScope Begin()
    {
        var culture = CultureInfo.CurrentCulture;
        if (ReferenceEquals(culture, CultureInfo.InvariantCulture))
        {
            return default;
        }

        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        return new InvariantCultureScope(culture);
    }

    /// <summary>Gives the thread its culture back.</summary>
    public void Dispose()
    {
        if (previous is not null)
        {
            CultureInfo.CurrentCulture = previous;
        }
    }
}
