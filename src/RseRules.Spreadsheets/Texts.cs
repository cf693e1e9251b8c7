using System.Globalization;
using RseRules.Core.Model;

namespace RseRules.Spreadsheets;

/// <summary>The words a workbook shows, in French and English (messages of diagnostics are English, like the engine's).</summary>
internal sealed class Texts
{
    private Texts(bool english) => English = english;

    public static Texts French { get; } = new(false);

    public static Texts EnglishTexts { get; } = new(true);

    public bool English { get; }

    public string Language => English ? "en" : "fr";

    public static Texts For(string language) => string.Equals(language, "en", StringComparison.OrdinalIgnoreCase) ? EnglishTexts : French;

    private string T(string fr, string en) => English ? en : fr;

    public string GeneralSheet => T("Général", "General");

    public string ResultsSheet => T("Résultats", "Results");

    public string FindingsSheet => T("Constats", "Findings");

    public string RecordSheet => T("Enregistrement", "Record");

    public string Input => T("Donnée", "Input");

    public string Value => T("Valeur", "Value");

    public string Unit => T("Unité", "Unit");

    public string Distribution => T("Loi", "Distribution");

    public string DistributionLong => T("Loi (incertitude)", "Distribution (uncertainty)");

    public string Min => T("Min", "Min");

    public string Mode => T("Mode", "Mode");

    public string Max => T("Max", "Max");

    public string Key => T("Clé", "Key");

    public string Yes => T("oui", "yes");

    public string No => T("non", "no");

    public string Year(int year) => T("Année ", "Year ") + year.ToString(CultureInfo.InvariantCulture);

    public static string Number(int n) => "#" + n.ToString(CultureInfo.InvariantCulture);

    /// <summary>The header of a series' or list's element <paramref name="index"/>: year 1 first, or year 0 when the series' length adds years; #1, #2… for a list.</summary>
    public string ElementHeader(TypeSpec type, int index) => type.Kind == TypeKind.Series
        ? Year(index + 1 - Math.Max(0, Math.Min(type.LengthOffset, 1)))
        : Number(index + 1);

    public string DistributionName(string name) => name switch
    {
        "triangular" => T("triangulaire", "triangular"),
        "pert" => "PERT",
        _ => T("uniforme", "uniform"),
    };

    public string Instructions(string reference) => T(
        $"{reference} · Saisissez les valeurs dans les cellules jaunes ; les autres cellules sont protégées (sans mot de passe). Laissez vide une donnée facultative. Une valeur incertaine : choisissez une loi et donnez min, mode et max (uniforme : min et max) à la place de la valeur.",
        $"{reference} · Enter values in the yellow cells; the other cells are protected (no password). Leave an optional input empty. An uncertain value: pick a distribution and give min, mode and max (uniform: min and max) instead of the value.");

    public string TableInstructions(string? keyLabel) => T(
        "Une ligne par élément ; les lignes laissées vides sont ignorées." + (keyLabel is null ? string.Empty : $" Chaque élément est identifié par « {keyLabel} »."),
        "One row per item; rows left empty are skipped." + (keyLabel is null ? string.Empty : $" Each item is identified by '{keyLabel}'."));

    public string MatrixInstructions(string rows, string columns, bool hasDefault) => T(
        $"Lignes : {rows} ; colonnes : {columns}." + (hasDefault ? " Une case vide prend la valeur par défaut." : " Une case vide est absente."),
        $"Rows: {rows}; columns: {columns}." + (hasDefault ? " An empty cell takes the default value." : " An empty cell is absent."));

    public string MapInstructions => T("Une ligne par clé ; les lignes laissées vides sont ignorées.", "One row per key; rows left empty are skipped.");

    public string SeeSheet(string sheet) => T($"→ feuille « {sheet} »", $"→ sheet '{sheet}'");

    public string JsonHint => T("Valeur en JSON", "Value as JSON");

    public string DefaultIs(string value) => T($"Par défaut : {value}", $"Default: {value}");

    public string Optional => T("facultatif", "optional");

    public static string Of(string label, string of) => $"{label} › {of}";

    /// <summary>A number as the workbook's language writes it in a message (<c>0,5</c> in French).</summary>
    public string Format(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return English ? text : text.Replace('.', ',');
    }

    public string ErrorTitle => T("Valeur refusée", "Value refused");

    public string ExpectNumber(bool whole, double? min, double? max)
    {
        var what = whole ? T("Un nombre entier", "A whole number") : T("Un nombre", "A number");
        return (min, max) switch
        {
            ({ } lo, { } hi) => what + T($" entre {Format(lo)} et {Format(hi)}.", $" between {Format(lo)} and {Format(hi)}."),
            ({ } lo, null) => what + T($" supérieur ou égal à {Format(lo)}.", $" of at least {Format(lo)}."),
            (null, { } hi) => what + T($" inférieur ou égal à {Format(hi)}.", $" of at most {Format(hi)}."),
            _ => what + ".",
        };
    }

    public string ExpectChoice => T("Choisissez une valeur de la liste.", "Pick a value from the list.");

    public string ExpectLength(int max) => T($"Au plus {max} caractères.", $"At most {max} characters.");

    public string Result => T("Résultat", "Result");

    public string Id => T("Identifiant", "Id");

    public string Severity => T("Gravité", "Severity");

    public static string Code => "Code";

    public static string Message => "Message";

    public string Item => T("Élément", "Item");

    public string NoFindings => T("Aucun constat.", "No findings.");

    public static string Absent => "—";

    public string SeverityName(string severity) => severity switch
    {
        "error" => T("erreur", "error"),
        "warning" => T("avertissement", "warning"),
        _ => T("information", "info"),
    };

    public string RecordNote => T(
        "Vue de l'enregistrement d'évaluation JSON : les empreintes SHA-256 sont celles du JSON canonique (rse replay les vérifie sur le fichier JSON, pas sur ce classeur). Les feuilles de données reprennent le modèle de saisie, rempli.",
        "A view of the JSON evaluation record: the SHA-256 hashes are those of the canonical JSON ('rse replay' checks them on the JSON file, not on this workbook). The input sheets are the input template, filled.");

    public string MethodLabel => T("Méthode", "Method");

    public string MethodHash => T("SHA-256 de la méthode", "Method SHA-256");

    public string Extends => T("Étend", "Extends");

    public string Deviation => T("Écart", "Deviation");

    public string InputsHash => T("SHA-256 des données", "Inputs SHA-256");

    public string RecordHash => T("SHA-256 de l'enregistrement", "Record SHA-256");

    public string Decision => T("Décision", "Decision");

    public string EngineVersion => T("Version du moteur", "Engine version");
}
