using RseRules.Core.Model;

namespace RseRules.Core.Diffing;

/// <summary>Which method a diff side is: its id, version and the SHA-256 of its canonical JSON.</summary>
public sealed record MethodIdentity(string Id, string Version, string Sha256)
{
    /// <summary><c>id@version</c>.</summary>
    public string Reference => Id + "@" + Version;

    /// <summary>The identity of a loaded method.</summary>
    public static MethodIdentity Of(MethodDefinition method)
    {
        ArgumentNullException.ThrowIfNull(method);
        return new MethodIdentity(method.Id, method.Version, method.Sha256);
    }
}
