namespace RseRules.Core.Model;

/// <summary>In an overlay (<c>"removeResults"</c>): a result of the base the overlay no longer exposes.</summary>
/// <param name="Id">The result's id in the base.</param>
/// <param name="Pointer">JSON pointer of the entry in the overlay file.</param>
public sealed record ResultRemoval(string Id, string Pointer);
