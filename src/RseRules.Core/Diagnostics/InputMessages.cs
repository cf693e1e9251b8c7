using System.Globalization;

namespace RseRules.Core.Diagnostics;

/// <summary>
/// The message catalogue of the diagnostics a document writer reads — files and JSON syntax (RSE0001, RSE0003, RSE0006,
/// RSE1001, RSE1002), the input schema (RSE5001) with its hints, the semantic checks (RSE5002–RSE5005, RSE5007) and the
/// warning RSE5008 — in French and in English: one member per message, so that both languages say the same things.
/// Method-author diagnostics (RSE2xxx–RSE4xxx), evaluation (RSE6xxx) and reports (RSE8xxx) stay in English.
/// </summary>
/// <remarks>
/// Names (properties, keys, enum values) are quoted as written; numbers the writer is to type in the document (the value
/// found, a bound, a fix such as <c>0.07</c>) stay in JSON notation in both languages, with a decimal point, since that is
/// what the document must contain; numbers of prose (counts, percentages) follow the language.
/// </remarks>
public sealed class InputMessages
{
    private readonly bool fr;

    private InputMessages(string language)
    {
        fr = language == "fr";
        Language = language;
        Culture = Cultures.For(language);
    }

    /// <summary>English messages (the default of the library).</summary>
    public static InputMessages English { get; } = new("en");

    /// <summary>French messages.</summary>
    public static InputMessages French { get; } = new("fr");

    /// <summary><c>fr</c> or <c>en</c>.</summary>
    public string Language { get; }

    /// <summary>How numbers of prose are written in this language (see <see cref="Cultures"/>).</summary>
    public CultureInfo Culture { get; }

    /// <summary>The catalogue of a language: <c>fr</c> (or any <c>fr-…</c>) is French, anything else English.</summary>
    public static InputMessages For(string? language) => Cultures.Normalize(language) == "fr" ? French : English;

    private string T(string french, string english) => fr ? french : english;

    private static string Q(string text) => "'" + text + "'";

    private string Quote(string text) => fr ? "«\u00A0" + text + "\u00A0»" : "'" + text + "'";

    private string Sp => fr ? "\u00A0" : string.Empty; // before ; : ? ! in French

    private string List(IEnumerable<string> names) => string.Join(", ", names.Select(Quote));

    private string Or(IReadOnlyList<string> names) => names.Count switch
    {
        1 => Quote(names[0]),
        _ => string.Join(", ", names.Take(names.Count - 1).Select(Quote)) + T(" ou ", " or ") + Quote(names[^1]),
    };

    private string Num(long n) => n.ToString("N0", Culture);

    /// <summary>"; did you mean 'x'?", or nothing without suggestion.</summary>
    public string DidYouMean(IReadOnlyList<string> suggestions)
    {
        ArgumentNullException.ThrowIfNull(suggestions);
        return suggestions.Count == 0 ? string.Empty : T($"\u00A0; vouliez-vous dire {Or(suggestions)}\u00A0?", $"; did you mean {Or(suggestions)}?");
    }

    // Files (RSE0001, RSE0003, RSE0006)

    /// <summary>RSE0001.</summary>
    public string FileNotFound(string path) => T($"Le fichier {Quote(path)} n'existe pas.", $"File {Q(path)} does not exist.");

    /// <summary>RSE0006.</summary>
    public string FileTooLarge(long length, long max) => T($"Le fichier fait {Num(length)} octets{Sp}; au plus {Num(max)} sont lus.", $"File is {length} bytes; at most {max} are read.");

    /// <summary>RSE0003: not UTF-8.</summary>
    public string FileNotUtf8(int index) => T($"Le fichier n'est pas en UTF-8 valide (octet {index.ToString(CultureInfo.InvariantCulture)}).", $"File is not valid UTF-8 (byte {index.ToString(CultureInfo.InvariantCulture)}).");

    /// <summary>RSE0003: an I/O error (the system's message is not translated).</summary>
    public string FileUnreadable(string reason) => T($"Le fichier ne peut pas être lu{Sp}: {reason}", $"File cannot be read: {reason}");

    // JSON syntax (RSE1001, RSE1002)

    /// <summary>RSE1001.</summary>
    public string JsonTrailingText => T("Texte inattendu après la fin du document JSON.", "Unexpected text after the end of the JSON document.");

    /// <summary>RSE1001.</summary>
    public string JsonTooDeep(int max) => T($"Le document est imbriqué sur plus de {max.ToString(CultureInfo.InvariantCulture)} niveaux.", $"The document is nested more than {max.ToString(CultureInfo.InvariantCulture)} levels deep.");

    /// <summary>RSE1001.</summary>
    public string JsonUnexpectedEnd => T($"Fin inattendue du document{Sp}: une valeur était attendue.", "Unexpected end of the document: a value was expected.");

    /// <summary>RSE1001.</summary>
    public string JsonPropertyNameExpected => T("Un nom de propriété entre guillemets droits (\") était attendu.", "A property name in double quotes was expected.");

    /// <summary>RSE1001.</summary>
    public string JsonTooManyMembers(int max) => T($"Un objet a plus de {Num(max)} membres.", $"An object has more than {max.ToString(CultureInfo.InvariantCulture)} members.");

    /// <summary>RSE1002.</summary>
    public string JsonDuplicateProperty(string name) => T($"La propriété {Quote(name)} apparaît deux fois dans le même objet.", $"Duplicate property {Q(name)} in the same object.");

    /// <summary>RSE1001.</summary>
    public string JsonColonExpected => T("':' était attendu après un nom de propriété.", "':' was expected after a property name.");

    /// <summary>RSE1001.</summary>
    public string JsonCommaOrBraceExpected => T("',' ou '}' était attendu.", "',' or '}' was expected.");

    /// <summary>RSE1001.</summary>
    public string JsonTooManyElements(int max) => T($"Un tableau a plus de {Num(max)} éléments.", $"An array has more than {max.ToString(CultureInfo.InvariantCulture)} elements.");

    /// <summary>RSE1001.</summary>
    public string JsonCommaOrBracketExpected => T("',' ou ']' était attendu.", "',' or ']' was expected.");

    /// <summary>RSE1001.</summary>
    public string JsonUnterminatedString => T("Texte non terminé (guillemet fermant manquant).", "Unterminated string.");

    /// <summary>RSE1001.</summary>
    public string JsonStringTooLong(int max) => T($"Un texte fait plus de {Num(max)} caractères.", $"A string is longer than {max.ToString(CultureInfo.InvariantCulture)} characters.");

    /// <summary>RSE1001.</summary>
    public string JsonControlCharacter => T("Les caractères de contrôle doivent être échappés dans un texte.", "Control characters must be escaped in strings.");

    /// <summary>RSE1001.</summary>
    public string JsonInvalidUnicodeEscape => T("Échappement \\u invalide.", "Invalid \\u escape.");

    /// <summary>RSE1001.</summary>
    public string JsonInvalidEscape(char c) => T($"Échappement '\\{c}' invalide.", $"Invalid escape '\\{c}'.");

    /// <summary>RSE1001.</summary>
    public string JsonValueExpected => T("Une valeur était attendue (objet, tableau, texte, nombre, true, false ou null).", "A value was expected (object, array, string, number, true, false or null).");

    /// <summary>RSE1001.</summary>
    public string JsonDigitAfterPoint => T("Un chiffre était attendu après le point décimal.", "A digit was expected after the decimal point.");

    /// <summary>RSE1001.</summary>
    public string JsonDigitInExponent => T("Un chiffre était attendu dans l'exposant.", "A digit was expected in the exponent.");

    /// <summary>RSE1001.</summary>
    public string JsonNumberOutOfRange(string number) => T($"Le nombre '{number}' est hors limites.", $"Number '{number}' is out of range.");

    /// <summary>RSE1001.</summary>
    public string JsonIntegerOutOfRange(string number) => T(
        $"L'entier '{number}' est hors limites (au plus 19 chiffres, ±9223372036854775807){Sp}; écrivez un grand nombre avec un exposant, par exemple 1e20.",
        $"Integer '{number}' is out of range (at most 19 digits, ±9223372036854775807); write a larger number with an exponent, e.g. 1e20.");

    // Schema (RSE5001, and RSE2001 / RSE7001 through the same code)

    /// <summary>How a value found in the document is shown.</summary>
    public string AnObject => T("un objet", "an object");

    /// <summary>How a value found in the document is shown.</summary>
    public string AnArray => T("un tableau", "an array");

    /// <summary>A value that cannot be shown.</summary>
    public string TheValue => T("la valeur", "the value");

    /// <summary>A required property is absent.</summary>
    public string RequiredMissing(string property) => T($"La propriété obligatoire {Quote(property)} est absente.", $"Required property {Q(property)} is missing.");

    /// <summary>A property the schema does not declare, with the declared names closest to it.</summary>
    public string NotAllowed(string property, IReadOnlyList<string> suggestions) =>
        T($"La propriété {Quote(property)} n'est pas admise ici", $"Property {Q(property)} is not allowed here") + DidYouMean(suggestions) + (suggestions.Count == 0 ? "." : string.Empty);

    /// <summary>A number below its minimum, with the fraction hint when the value looks like a percentage (<paramref name="fraction"/>).</summary>
    public string BelowMinimum(string value, string minimum, string? fraction = null, double percent = 0) =>
        T($"{value} est en dessous du minimum {minimum}", $"{value} is below the minimum {minimum}") + FractionHint(fraction, percent);

    /// <summary>A number above its maximum, with the fraction hint when the value looks like a percentage (<paramref name="fraction"/>).</summary>
    public string AboveMaximum(string value, string maximum, string? fraction = null, double percent = 0) =>
        T($"{value} est au-dessus du maximum {maximum}", $"{value} is above the maximum {maximum}") + FractionHint(fraction, percent);

    /// <summary>"; a rate is written as a fraction: 0.07 for 7 %." — or the closing full stop without hint.</summary>
    private string FractionHint(string? fraction, double percent) => fraction is null
        ? "."
        : T($"{Sp}; un taux s'écrit en fraction{Sp}: {fraction} pour {percent.ToString("0.##########", Culture)}\u00A0%.",
            $"; a rate is written as a fraction: {fraction} for {percent.ToString("0.##########", Culture)} %.");

    /// <summary>A value that is none of an enumeration's.</summary>
    public string NotOneOf(string value, IEnumerable<string> allowed, IReadOnlyList<string> suggestions) =>
        T($"{value} n'est pas l'une des valeurs {string.Join(", ", allowed)}", $"{value} is not one of {string.Join(", ", allowed)}")
        + DidYouMean(suggestions) + (suggestions.Count == 0 ? "." : string.Empty);

    /// <summary>A scale given by the label of one of its levels instead of its number.</summary>
    public string ScaleLevelExpected(string value, string scaleLevels, long? level) => level is { } l
        ? T($"Un niveau (un entier) était attendu, pas {value}{Sp}; écrivez {l.ToString(CultureInfo.InvariantCulture)} (niveaux{Sp}: {scaleLevels}).", $"A level (an integer) was expected, not {value}; write {l.ToString(CultureInfo.InvariantCulture)} (levels: {scaleLevels}).")
        : T($"Un niveau (un entier) était attendu, pas {value} (niveaux{Sp}: {scaleLevels}).", $"A level (an integer) was expected, not {value} (levels: {scaleLevels}).");

    /// <summary>Too few items.</summary>
    public string AtLeastItems(int count) => T($"Au moins {Num(count)} élément(s) attendu(s).", $"At least {count.ToString(CultureInfo.InvariantCulture)} item(s) expected.");

    /// <summary>Too many items.</summary>
    public string AtMostItems(int count) => T($"Au plus {Num(count)} élément(s) attendu(s).", $"At most {count.ToString(CultureInfo.InvariantCulture)} item(s) expected.");

    /// <summary>A text too long.</summary>
    public string TextTooLong(int max) => T($"Texte de plus de {Num(max)} caractères.", $"Text longer than {max.ToString(CultureInfo.InvariantCulture)} characters.");

    /// <summary>A text too short.</summary>
    public string TextTooShort(int min) => T($"Texte de moins de {Num(min)} caractère(s).", $"Text shorter than {min.ToString(CultureInfo.InvariantCulture)} character(s).");

    /// <summary>A text that does not match a pattern.</summary>
    public string PatternMismatch(string value, string? pattern) => T($"{value} ne suit pas le motif {pattern}.", $"{value} does not match the pattern {pattern}.");

    /// <summary>Repeated items.</summary>
    public string ItemsNotUnique => T("Les éléments doivent être distincts.", "Items must be unique.");

    /// <summary>A value of the wrong type (<paramref name="expected"/> is a <c>ValidationErrorKind</c> name such as <c>NumberExpected</c>).</summary>
    public string WrongType(string expected, string found) => expected switch
    {
        "NumberExpected" => T($"Nombre attendu{Sp}: {found} trouvé.", $"Number expected: found {found}."),
        "IntegerExpected" => T($"Entier attendu{Sp}: {found} trouvé.", $"Integer expected: found {found}."),
        "StringExpected" => T($"Texte attendu{Sp}: {found} trouvé.", $"String expected: found {found}."),
        "BooleanExpected" => T($"true ou false attendu{Sp}: {found} trouvé.", $"Boolean expected: found {found}."),
        "ObjectExpected" => T($"Objet attendu{Sp}: {found} trouvé.", $"Object expected: found {found}."),
        "ArrayExpected" => T($"Tableau attendu{Sp}: {found} trouvé.", $"Array expected: found {found}."),
        "NullExpected" => T($"null attendu{Sp}: {found} trouvé.", $"Null expected: found {found}."),
        _ => T($"Valeur refusée ({expected}){Sp}: {found} trouvé.", $"{Humanize(expected)}: found {found}."),
    };

    /// <summary>A number written as a text (<c>"0,07"</c>): what to write instead.</summary>
    public string NumberAsText(bool integer, string fix)
    {
        var how = fix.Contains('.', StringComparison.Ordinal) ? T("avec un point décimal, sans guillemets", "with a decimal point, without quotes") : T("sans guillemets", "without quotes");
        return integer
            ? T($"Entier attendu{Sp}; écrivez {fix} ({how}).", $"Integer expected; write {fix} ({how}).")
            : T($"Nombre attendu{Sp}; écrivez {fix} ({how}).", $"Number expected; write {fix} ({how}).");
    }

    /// <summary>An object for a number, without a <c>distribution</c> member.</summary>
    public string DistributionExpected => T(
        "Un nombre, ou un objet de distribution avec un membre 'distribution' (triangular, pert ou uniform), était attendu.",
        "A number, or a distribution object with a 'distribution' member (triangular, pert or uniform), was expected.");

    /// <summary>An unknown distribution name.</summary>
    public string NotADistribution(string value, IReadOnlyList<string> suggestions) =>
        T($"{value} n'est pas une distribution (triangular, pert ou uniform)", $"{value} is not a distribution: triangular, pert or uniform") + DidYouMean(suggestions) + (suggestions.Count == 0 ? "." : string.Empty);

    /// <summary>Any other schema error (NJsonSchema's kind, humanized; the property when not the value's own).</summary>
    public string Other(string kind, string? property, string found) =>
        T($"Valeur refusée ({kind}{(property is null ? string.Empty : ", " + property)}){Sp}: {found} trouvé.",
          $"{Humanize(kind)}{(property is null ? string.Empty : $" ({Q(property)})")}: found {found}.");

    // Semantic checks (RSE5002–RSE5005, RSE5007) and RSE5008

    /// <summary>RSE5002.</summary>
    public string SeriesLength(string name, int count, long expected, string lengthInput, long offset)
    {
        var off = offset == 0 ? string.Empty : string.Create(CultureInfo.InvariantCulture, $" {offset:+0;-0}");
        return T($"{Quote(name)} a {count.ToString(CultureInfo.InvariantCulture)} valeur(s){Sp}; il en faut {expected.ToString(CultureInfo.InvariantCulture)} ({lengthInput}{off}).",
                 $"{Q(name)} has {count.ToString(CultureInfo.InvariantCulture)} value(s); it must have {expected.ToString(CultureInfo.InvariantCulture)} ({lengthInput}{off}).");
    }

    /// <summary>RSE5003.</summary>
    public string UnknownReference(string value, string collection, IEnumerable<string> known, IReadOnlyList<string> suggestions) =>
        T($"{Quote(value)} n'est la clé d'aucun élément de {Quote(collection)}", $"{Q(value)} is not the key of an item of {Q(collection)}")
        + (suggestions.Count > 0 ? DidYouMean(suggestions) : T($" (clés{Sp}: {string.Join(", ", known)}).", $" (known: {string.Join(", ", known)})."));

    /// <summary>RSE5004.</summary>
    public string DuplicateKey(string key, int firstIndex, string collection) =>
        T($"{Quote(key)} est déjà la clé de l'élément {firstIndex.ToString(CultureInfo.InvariantCulture)} de {Quote(collection)}.", $"{Q(key)} is already the key of item {firstIndex.ToString(CultureInfo.InvariantCulture)} of {Q(collection)}.");

    /// <summary>RSE5005: a map key that is no item's key.</summary>
    public string UnknownMapKey(string key, string collection, IEnumerable<string> known, IReadOnlyList<string> suggestions) => UnknownReference(key, collection, known, suggestions);

    /// <summary>RSE5005: a map key that is not an integer.</summary>
    public string NotIntegerKey(string key) => T($"{Quote(key)} n'est pas une clé entière.", $"{Q(key)} is not an integer key.");

    /// <summary>RSE5007: min above max.</summary>
    public string DistributionMinAboveMax(string name, double min, double max, bool uniform) => T(
        $"Le minimum {R(min)} de la distribution {name} dépasse son maximum {R(max)}{Sp}: il faut min ≤ {(uniform ? string.Empty : "mode ≤ ")}max.",
        $"The {name} distribution's min {R(min)} is above its max {R(max)}: it needs min ≤ {(uniform ? string.Empty : "mode ≤ ")}max.");

    /// <summary>RSE5007: mode out of [min, max].</summary>
    public string DistributionModeOutside(string name, double mode, double min, double max) => mode < min
        ? T($"Le mode {R(mode)} de la distribution {name} est en dessous de son minimum {R(min)}{Sp}: il faut min ≤ mode ≤ max.", $"The {name} distribution's mode {R(mode)} is below its min {R(min)}: it needs min ≤ mode ≤ max.")
        : T($"Le mode {R(mode)} de la distribution {name} est au-dessus de son maximum {R(max)}{Sp}: il faut min ≤ mode ≤ max.", $"The {name} distribution's mode {R(mode)} is above its max {R(max)}: it needs min ≤ mode ≤ max.");

    /// <summary>RSE5008 (<paramref name="values"/>: "pointer = value" items, values in JSON notation).</summary>
    public string AtMode(int count, IEnumerable<string> values) => T(
        $"{count.ToString(CultureInfo.InvariantCulture)} entrée(s) incertaine(s) évaluée(s) à leur mode (la moyenne pour uniform){Sp}: {string.Join(", ", values)}{Sp}; 'rse simulate' les échantillonne.",
        $"{count.ToString(CultureInfo.InvariantCulture)} uncertain input(s) evaluated at their mode (the mean for uniform): {string.Join(", ", values)}; 'rse simulate' samples them.");

    /// <summary>RSE5006: the method's own message (in this language) and the rule's id.</summary>
    public static string InputCheck(string message, string ruleId) => $"{message} ({ruleId})";

    private static string R(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static string Humanize(string kind)
    {
        var sb = new System.Text.StringBuilder();
        foreach (var c in kind)
        {
            if (char.IsUpper(c) && sb.Length > 0)
            {
                sb.Append(' ');
            }

            sb.Append(sb.Length == 0 ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c));
        }

        return sb.ToString();
    }
}
