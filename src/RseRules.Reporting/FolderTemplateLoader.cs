using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;

namespace RseRules.Reporting;

/// <summary>
/// Resolves <c>include "name"</c> to <c>name.sbn</c> inside one folder (and its subfolders) only: a template cannot
/// read a file outside its template set. The check is on <b>real</b> paths — every symbolic link on the way resolved, the
/// set's own folder included — so a link inside the set (<c>evil.sbn -&gt; /etc/passwd</c>, <c>sub -&gt; /etc</c>) is
/// refused. Files are opened without blocking and read up to a size limit, so a FIFO or a device in the set ends with an
/// error instead of a hang or an endless read.
/// </summary>
internal sealed class FolderTemplateLoader(string root, long maxFileBytes) : ITemplateLoader
{
    private const int MaxLinkHops = 40;

    private readonly string root = RealPath(root) ?? Path.GetFullPath(root);

    public string GetPath(TemplateContext context, SourceSpan callerSpan, string templateName)
    {
        ArgumentNullException.ThrowIfNull(templateName);
        var name = templateName.EndsWith(".sbn", StringComparison.Ordinal) ? templateName : templateName + ".sbn";
        return Resolve(name, out var problem) ?? throw new ScriptRuntimeException(callerSpan, problem!.Replace("{name}", templateName, StringComparison.Ordinal));
    }

    /// <summary>The real path of a file of the set, or null and why not (<c>{name}</c> stands for the name asked for).</summary>
    public string? Resolve(string relativeName, out string? problem)
    {
        problem = null;
        if (relativeName.Contains('\0', StringComparison.Ordinal))
        {
            problem = "Template name '{name}' is not a file name.";
            return null;
        }

        var full = Path.GetFullPath(Path.Combine(root, relativeName));
        var real = RealPath(full);
        if (real is null || !real.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            problem = real is null && File.Exists(full) ? "Template '{name}' is a link that cannot be resolved." : "Template '{name}' is outside the template set.";
            if (real is null && !File.Exists(full) && full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                problem = $"Template '{{name}}' not found in {root}.";
            }

            return null;
        }

        if (!File.Exists(real))
        {
            problem = $"Template '{{name}}' not found in {root}.";
            return null;
        }

        return real;
    }

    public string Load(TemplateContext context, SourceSpan callerSpan, string templatePath)
    {
        try
        {
            return ReadText(templatePath, maxFileBytes);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            throw new ScriptRuntimeException(callerSpan, $"Template '{Path.GetFileName(templatePath)}' cannot be read: {ex.Message}");
        }
    }

    public ValueTask<string?> LoadAsync(TemplateContext context, SourceSpan callerSpan, string templatePath) =>
        new(Load(context, callerSpan, templatePath));

    /// <summary>
    /// Reads a template file as UTF-8, at most <paramref name="maxBytes"/> bytes (more is an <see cref="InvalidDataException"/>).
    /// On Unix it is opened with <c>O_NONBLOCK</c>: a FIFO without a writer reads as empty instead of blocking for ever.
    /// </summary>
    internal static string ReadText(string path, long maxBytes)
    {
        using var handle = OpenForReading(path);
        using var stream = new FileStream(handle, FileAccess.Read, bufferSize: 0);
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > maxBytes)
            {
                throw new InvalidDataException($"it is larger than {maxBytes:N0} bytes.");
            }
        }

        return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(buffer.GetBuffer(), 0, (int)buffer.Length).TrimStart('\uFEFF');
    }

    private static SafeFileHandle OpenForReading(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        }

        var flags = OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD() ? 0x4 | 0x1000000 : 0x800 | 0x80000; // O_RDONLY | O_NONBLOCK | O_CLOEXEC
        var fd = NativeMethods.Open(path, flags);
        if (fd < 0)
        {
            throw new IOException($"it cannot be opened (error {Marshal.GetLastPInvokeError()}).");
        }

        return new SafeFileHandle(fd, ownsHandle: true);
    }

    /// <summary>The path with every symbolic link resolved (each component, in turn), or null when a link is broken or
    /// loops; a path that does not exist resolves as far as it exists.</summary>
    internal static string? RealPath(string path)
    {
        var pending = new List<string>(Split(Path.GetFullPath(path), out var current));
        var hops = 0;
        while (pending.Count > 0)
        {
            var component = pending[0];
            pending.RemoveAt(0);
            var candidate = Path.Combine(current, component);
            FileSystemInfo info = Directory.Exists(candidate) ? new DirectoryInfo(candidate) : new FileInfo(candidate);
            string? target;
            try
            {
                target = info.LinkTarget;
            }
            catch (IOException)
            {
                return null;
            }

            if (target is null)
            {
                current = candidate;
                continue;
            }

            if (++hops > MaxLinkHops)
            {
                return null;
            }

            var resolved = Path.GetFullPath(Path.IsPathRooted(target) ? target : Path.Combine(current, target));
            pending.InsertRange(0, Split(resolved, out current));
        }

        return current;
    }

    private static string[] Split(string fullPath, out string rootPath)
    {
        rootPath = Path.GetPathRoot(fullPath) ?? "/";
        return fullPath[rootPath.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
    }

    private static class NativeMethods
    {
        [DllImport("libc", EntryPoint = "open", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        internal static extern nint Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);
    }
}
