namespace RseRules.Core.Model;

/// <summary>A text in French (the reference language) and English.</summary>
public sealed record LocalizedText(string Fr, string En)
{
    /// <summary>The text in a language (<c>fr</c> or <c>en</c>); French for any other.</summary>
    public string In(string language) => string.Equals(language, "en", StringComparison.OrdinalIgnoreCase) ? En : Fr;
}
