using System.Buffers;
using System.Text;
using System.Text.Json;
using RseRules.Core.Diagnostics;

namespace RseRules.Core.Compilation;

/// <summary>
/// The compiled-method cache on disk: one file per <see cref="CacheKey"/>, <c>&lt;key&gt;.rsec</c>, in the cache folder
/// (<see cref="CompileOptions.CacheDirectory"/>). An entry is written only for a method that compiled without any
/// diagnostic, so that the sandbox and the dependency analysis ran, and passed, when it was written.
/// <para>
/// Layout of an entry (bytes):
/// <code>
/// rse-compiled-method-cache/1\n                 format (CacheKey.Format)
/// {"key":…,"method":…,"assemblyName":…,        metadata: one line of JSON
///  "assemblyLength":…,"assemblySha256":…,
///  "order":[…],"reads":[[…],…]}\n
/// &lt;SHA-256 of the metadata line's bytes&gt;\n       lower-case hex
/// &lt;the assembly&gt;                                 assemblyLength bytes whose SHA-256 is assemblySha256
/// </code>
/// </para>
/// <para>
/// Reading trusts nothing it has not checked: the format line, the metadata's hash, the metadata itself, the recorded
/// key against the one looked up, the assembly's length and hash, and the order and reads against the method. Anything
/// else — a missing file aside, which is a plain miss — is a warning, the entry is deleted and the method compiled
/// again. Writing goes to a temporary file unique to the writer in the cache folder, flushed to disk, then renamed
/// over the entry (atomic): concurrent processes and threads need no lock, a reader sees no entry or a whole one, and
/// two writers of one key write the same bytes (compilation is deterministic). The integrity check guards against
/// corruption, not against someone who may write into the cache folder: such a person can make the engine run their
/// code, so the default folders are the user's own.
/// </para>
/// </summary>
internal static class CompiledMethodCache
{
    /// <summary>File extension of an entry.</summary>
    public const string EntryExtension = ".rsec";

    /// <summary>File extension of a temporary file being written.</summary>
    public const string TemporaryExtension = ".tmp";

    private const int MaxEntryBytes = 256 * 1024 * 1024;

    private static readonly TimeSpan TemporaryFileAge = TimeSpan.FromHours(1);

    private static readonly Lazy<string?> DefaultDirectory = new(() => FirstUsable(DefaultCandidates(
        Environment.GetEnvironmentVariable,
        Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData),
        Path.GetTempPath(),
        Environment.UserName)));

    /// <summary>The cache folder for these options, or null when the cache is off (<see cref="CompileOptions.NoCache"/>, or no usable folder).</summary>
    public static string? Directory(CompileOptions options) => Directory(options, Environment.GetEnvironmentVariable);

    /// <summary>The cache folder: the options', else <c>RSE_CACHE_DIR</c>, else the first usable default (resolved once per process).</summary>
    internal static string? Directory(CompileOptions options, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        if (options.NoCache)
        {
            return null;
        }

        if (!string.IsNullOrWhiteSpace(options.CacheDirectory))
        {
            return Path.GetFullPath(options.CacheDirectory);
        }

        var variable = environment(CompileOptions.CacheDirectoryVariable);
        return !string.IsNullOrWhiteSpace(variable) ? Path.GetFullPath(variable) : DefaultDirectory.Value;
    }

    /// <summary>
    /// The default folders, in order of preference: <c>$XDG_CACHE_HOME/rse</c> when set (and absolute),
    /// <c>LocalApplicationData/rse/cache</c>, then <c>&lt;temp&gt;/rse-cache-&lt;user&gt;</c>, which must be private
    /// to the user (a shared temp folder is writable by everyone).
    /// </summary>
    internal static IReadOnlyList<(string Path, bool MustBePrivate)> DefaultCandidates(
        Func<string, string?> environment, string? localApplicationData, string? tempPath, string? userName)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var candidates = new List<(string, bool)>();
        var xdg = environment("XDG_CACHE_HOME");
        if (!string.IsNullOrWhiteSpace(xdg) && Path.IsPathFullyQualified(xdg))
        {
            candidates.Add((Path.Combine(xdg, "rse"), false));
        }

        if (!string.IsNullOrWhiteSpace(localApplicationData) && Path.IsPathFullyQualified(localApplicationData))
        {
            candidates.Add((Path.Combine(localApplicationData, "rse", "cache"), false));
        }

        if (!string.IsNullOrWhiteSpace(tempPath))
        {
            var user = new string((userName ?? string.Empty).Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray());
            candidates.Add((Path.Combine(tempPath, "rse-cache-" + (user.Trim('.').Length == 0 ? "user" : user)), true));
        }

        return candidates;
    }

    /// <summary>Records that an entry was just used (its last-write time, which <c>rse cache prune</c> goes by); best effort.</summary>
    public static void MarkUsed(string path)
    {
        try
        {
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A read-only cache still serves; it just cannot be pruned by use.
        }
    }

    /// <summary>The path of the entry of a key.</summary>
    public static string EntryPath(string directory, string key) => Path.Combine(directory, key + EntryExtension);

    /// <summary>
    /// Reads and checks the entry of a key. Null when there is none (silently) or it cannot be trusted (with a warning,
    /// after deleting it).
    /// </summary>
    public static CacheEntry? TryRead(string path, string key, List<Diagnostic> warnings)
    {
        ArgumentNullException.ThrowIfNull(warnings);
        byte[] bytes;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan);
            if (stream.Length > MaxEntryBytes)
            {
                Discard(path, $"it is larger than {MaxEntryBytes} bytes", warnings);
                return null;
            }

            bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
        catch (EndOfStreamException)
        {
            Discard(path, "it was truncated while being read", warnings);
            return null;
        }
        catch (IOException ex)
        {
            Discard(path, "it cannot be read: " + ex.Message, warnings);
            return null;
        }
        catch (UnauthorizedAccessException ex)
        {
            Discard(path, "it cannot be read: " + ex.Message, warnings);
            return null;
        }

        try
        {
            return Decode(bytes, key);
        }
        catch (InvalidDataException ex)
        {
            Discard(path, ex.Message, warnings);
            return null;
        }
    }

    /// <summary>
    /// Writes an entry: a unique temporary file in the folder, flushed, then renamed over the entry. Returns the entry's
    /// path, or null (with a warning) when it could not be written; the compilation's result does not depend on it.
    /// </summary>
    public static string? Write(string directory, CacheEntry entry, List<Diagnostic> warnings)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(warnings);
        var path = EntryPath(directory, entry.Key);
        var temporary = Path.Combine(directory, entry.Key + "." + Guid.NewGuid().ToString("N") + TemporaryExtension);
        try
        {
            System.IO.Directory.CreateDirectory(directory);
            var bytes = Encode(entry);
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            try
            {
                File.Move(temporary, path, overwrite: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException && File.Exists(path))
            {
                // Another process holds the entry open (Windows) or replaced it at the same moment: it has the same key,
                // hence the same content; keep it.
            }

            RemoveOldTemporaryFiles(directory);
            return path;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            warnings.Add(new Diagnostic(DiagnosticCode.OutputFailed, Severity.Warning,
                $"The compiled method could not be cached: {ex.Message} The method was compiled; it will be compiled again next time.", path));
            return null;
        }
        finally
        {
            TryDelete(temporary);
        }
    }

    /// <summary>Reports an entry that cannot be trusted (a warning) and deletes it.</summary>
    public static void Discard(string path, string reason, List<Diagnostic> warnings)
    {
        ArgumentNullException.ThrowIfNull(warnings);
        warnings.Add(new Diagnostic(DiagnosticCode.FileUnreadable, Severity.Warning,
            $"Compiled-method cache entry discarded: {reason}. The method is compiled again.", path));
        TryDelete(path);
    }

    /// <summary>The bytes of an entry (see the layout above).</summary>
    internal static byte[] Encode(CacheEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var metadata = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(metadata))
        {
            writer.WriteStartObject();
            writer.WriteString("key", entry.Key);
            writer.WriteString("method", entry.Method);
            writer.WriteString("assemblyName", entry.AssemblyName);
            writer.WriteNumber("assemblyLength", entry.Image.Length);
            writer.WriteString("assemblySha256", CacheKey.Sha256(entry.Image.Span));
            writer.WriteStartArray("order");
            foreach (var i in entry.Order)
            {
                writer.WriteNumberValue(i);
            }

            writer.WriteEndArray();
            writer.WriteStartArray("reads");
            foreach (var reads in entry.Reads)
            {
                writer.WriteStartArray();
                foreach (var id in reads)
                {
                    writer.WriteStringValue(id);
                }

                writer.WriteEndArray();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        var head = Encoding.UTF8.GetBytes(CacheKey.Format + "\n");
        var hash = Encoding.ASCII.GetBytes(CacheKey.Sha256(metadata.WrittenSpan) + "\n");
        var bytes = new byte[head.Length + metadata.WrittenCount + 1 + hash.Length + entry.Image.Length];
        var at = 0;
        void Put(ReadOnlySpan<byte> part)
        {
            part.CopyTo(bytes.AsSpan(at));
            at += part.Length;
        }

        Put(head);
        Put(metadata.WrittenSpan);
        Put("\n"u8);
        Put(hash);
        Put(entry.Image.Span);
        return bytes;
    }

    /// <summary>Decodes and checks an entry; throws <see cref="InvalidDataException"/> saying what is wrong.</summary>
    internal static CacheEntry Decode(byte[] bytes, string expectedKey)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var formatEnd = Array.IndexOf(bytes, (byte)'\n');
        var metadataEnd = formatEnd < 0 ? -1 : Array.IndexOf(bytes, (byte)'\n', formatEnd + 1);
        var hashEnd = metadataEnd < 0 ? -1 : Array.IndexOf(bytes, (byte)'\n', metadataEnd + 1);
        if (hashEnd < 0)
        {
            throw new InvalidDataException("its header is incomplete (truncated file?)");
        }

        if (!bytes.AsSpan(0, formatEnd).SequenceEqual(Encoding.UTF8.GetBytes(CacheKey.Format)))
        {
            throw new InvalidDataException($"it does not start with '{CacheKey.Format}'");
        }

        var metadata = bytes.AsMemory(formatEnd + 1, metadataEnd - formatEnd - 1);
        var recordedHash = Encoding.ASCII.GetString(bytes, metadataEnd + 1, hashEnd - metadataEnd - 1);
        if (!string.Equals(recordedHash, CacheKey.Sha256(metadata.Span), StringComparison.Ordinal))
        {
            throw new InvalidDataException("its metadata does not have the SHA-256 recorded with it");
        }

        string key, method, assemblyName, assemblySha256;
        int assemblyLength;
        var order = new List<int>();
        var reads = new List<IReadOnlyList<string>>();
        try
        {
            using var document = JsonDocument.Parse(metadata);
            var root = document.RootElement;
            key = root.GetProperty("key").GetString() ?? string.Empty;
            method = root.GetProperty("method").GetString() ?? string.Empty;
            assemblyName = root.GetProperty("assemblyName").GetString() ?? string.Empty;
            assemblyLength = root.GetProperty("assemblyLength").GetInt32();
            assemblySha256 = root.GetProperty("assemblySha256").GetString() ?? string.Empty;
            order.AddRange(root.GetProperty("order").EnumerateArray().Select(e => e.GetInt32()));
            reads.AddRange(root.GetProperty("reads").EnumerateArray()
                .Select(r => (IReadOnlyList<string>)r.EnumerateArray().Select(e => e.GetString() ?? string.Empty).ToArray()));
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException("its metadata is not readable: " + ex.Message, ex);
        }

        if (!string.Equals(key, expectedKey, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"it records the key {key}, not the one it is filed under");
        }

        var image = bytes.AsMemory(hashEnd + 1);
        if (image.Length != assemblyLength)
        {
            throw new InvalidDataException(image.Length < assemblyLength
                ? $"its assembly is truncated ({image.Length} of {assemblyLength} bytes)"
                : $"its assembly is longer than recorded ({image.Length} bytes, not {assemblyLength})");
        }

        if (!string.Equals(CacheKey.Sha256(image.Span), assemblySha256, StringComparison.Ordinal))
        {
            throw new InvalidDataException("its assembly does not have the SHA-256 recorded with it");
        }

        return new CacheEntry(key, method, assemblyName, image, order, reads);
    }

    private static string? FirstUsable(IReadOnlyList<(string Path, bool MustBePrivate)> candidates)
    {
        foreach (var (path, mustBePrivate) in candidates)
        {
            try
            {
                if (OperatingSystem.IsWindows())
                {
                    System.IO.Directory.CreateDirectory(path);
                }
                else
                {
                    System.IO.Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                    if (mustBePrivate && (File.GetUnixFileMode(path) & (UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != 0)
                    {
                        continue;
                    }
                }

                // Writable? (a probe file, deleted when closed)
                using (new FileStream(Path.Combine(path, ".probe-" + Guid.NewGuid().ToString("N") + TemporaryExtension), FileMode.CreateNew,
                    FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
                {
                }

                return path;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
            {
                // Not usable: try the next one.
            }
        }

        return null;
    }

    /// <summary>Deletes temporary files left by writers that died before renaming them.</summary>
    private static void RemoveOldTemporaryFiles(string directory)
    {
        try
        {
            foreach (var file in System.IO.Directory.EnumerateFiles(directory, "*" + TemporaryExtension))
            {
                if (DateTime.UtcNow - File.GetLastWriteTimeUtc(file) > TemporaryFileAge)
                {
                    TryDelete(file);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort.
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort: a file another process holds is left; it is checked again before it is used.
        }
    }
}
