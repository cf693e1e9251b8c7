using System.Globalization;

namespace RseRules.Web.Forms;

/// <summary>
/// How form fields are named: a value by its JSON pointer (<c>/costs/initial/integration</c>), what goes with it by a
/// suffix that no escaped pointer can contain (<c>~</c> is always followed by <c>0</c> or <c>1</c> in a pointer):
/// <c>~law</c>, <c>~min</c>, <c>~mode</c>, <c>~max</c> (a distribution), <c>~rows</c> (rows shown), <c>~on</c> (an
/// optional part given), <c>~shown</c> (a check box or an optional part was on the form), <c>~set</c> (check boxes),
/// <c>~key/i</c> and <c>~val/i</c> (a map with free keys), <c>~json</c> (JSON typed by hand).
/// </summary>
public static class FormNames
{
    /// <summary>The field that holds an operation on the form's shape (<c>add:/risks</c>, <c>remove:/risks/2</c>…).</summary>
    public const string Operation = "op";

    /// <summary>A suffixed name: <c>pointer~suffix</c>.</summary>
    public static string With(string pointer, string suffix) => pointer + "~" + suffix;

    /// <summary>The name of the i-th row's key (maps with free keys).</summary>
    public static string Key(string pointer, int index) => pointer + "~key/" + index.ToString(CultureInfo.InvariantCulture);

    /// <summary>The pointer-like name of the i-th row's value (maps with free keys).</summary>
    public static string Value(string pointer, int index) => pointer + "~val/" + index.ToString(CultureInfo.InvariantCulture);

    /// <summary>An HTML id for a pointer (unique: the pointer percent-encoded).</summary>
    public static string Id(string pointer) => "f" + Uri.EscapeDataString(pointer);
}
