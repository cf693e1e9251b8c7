namespace RseRules.Core.Loading;

/// <summary>A methods folder and where it was found.</summary>
/// <param name="Path">The folder.</param>
/// <param name="Source">Where it comes from.</param>
public sealed record MethodsFolder(string Path, MethodsFolderSource Source);
