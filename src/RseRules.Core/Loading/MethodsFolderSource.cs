namespace RseRules.Core.Loading;

/// <summary>Where the methods folder comes from, in the order they are tried.</summary>
public enum MethodsFolderSource
{
    /// <summary>Given on the command line (<c>--methods-dir</c>).</summary>
    Option,

    /// <summary>The <c>RSE_METHODS_DIR</c> environment variable.</summary>
    Environment,

    /// <summary>The nearest <c>methods/</c> folder in the current folder or above.</summary>
    Nearest,

    /// <summary>The folder shipped beside the program (the installed tool's published methods).</summary>
    Shipped,
}
