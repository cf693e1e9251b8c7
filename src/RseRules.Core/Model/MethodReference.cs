namespace RseRules.Core.Model;

/// <summary>A method version and the SHA-256 of its canonical content.</summary>
/// <param name="Reference"><c>id@version</c>.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of its canonical JSON.</param>
public sealed record MethodReference(string Reference, string Sha256);
