namespace RseRules.Core.Compilation;

/// <summary>
/// Looking after the compiled-method cache folder: what it holds, clearing it, pruning the entries not used for a
/// while (an entry's last-write time is set each time it is loaded). Only the cache's own files (<c>*.rsec</c>
/// entries, <c>*.tmp</c> files being written, and the empty files of <c>schema-passed/</c> that remember method files
/// which passed the method schema: <see cref="Loading.SchemaPasses"/>) are ever listed or deleted. Safe while other processes use the folder:
/// at worst one of them compiles again, or does not cache what it compiled.
/// </summary>
public static class CacheMaintenance
{
    /// <summary>The folder <c>rse</c> caches in: <paramref name="folder"/> when given, else <c>RSE_CACHE_DIR</c>, else the
    /// first usable default; null when no folder is usable.</summary>
    public static string? Folder(string? folder = null) =>
        CompiledMethodCache.Directory(CompileOptions.Default with { CacheDirectory = folder });

    /// <summary>The entries and temporary files in a cache folder (none when it does not exist), entries by path.</summary>
    public static CacheInventory Inventory(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        if (!Directory.Exists(folder))
        {
            return new CacheInventory(folder, [], []);
        }

        var passes = Path.Combine(folder, Loading.SchemaPasses.Folder);
        return new CacheInventory(folder, Files(folder, CompiledMethodCache.EntryExtension), Files(folder, CompiledMethodCache.TemporaryExtension))
        {
            Passes = Directory.Exists(passes)
                ? [.. new DirectoryInfo(passes).EnumerateFiles().Where(f => f.Name.Length == 64 && f.Name.All(char.IsAsciiHexDigitLower))
                    .Select(f => new CacheFile(f.FullName, f.Length, f.LastWriteTimeUtc)).OrderBy(f => f.Path, StringComparer.Ordinal)]
                : [],
        };
    }

    /// <summary>Deletes every entry and temporary file.</summary>
    public static CacheRemoval Clear(string folder)
    {
        var inventory = Inventory(folder);
        return Remove([.. inventory.Entries, .. inventory.Temporary, .. inventory.Passes]);
    }

    /// <summary>Deletes the entries not used for <paramref name="unused"/> before <paramref name="nowUtc"/>, the schema passes
    /// written before then (the next load writes them again), and temporary files older than an hour.</summary>
    public static CacheRemoval Prune(string folder, TimeSpan unused, DateTime nowUtc)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(unused, TimeSpan.Zero);
        var inventory = Inventory(folder);
        return Remove([.. inventory.Entries.Where(e => nowUtc - e.LastUsedUtc > unused), .. inventory.Temporary.Where(t => nowUtc - t.LastUsedUtc > TimeSpan.FromHours(1)), .. inventory.Passes.Where(p => nowUtc - p.LastUsedUtc > unused)]);
    }

    private static CacheFile[] Files(string folder, string extension) =>
        [.. new DirectoryInfo(folder).EnumerateFiles("*" + extension, SearchOption.TopDirectoryOnly)
            .Where(f => f.Extension == extension)
            .Select(f => new CacheFile(f.FullName, f.Length, f.LastWriteTimeUtc))
            .OrderBy(f => f.Path, StringComparer.Ordinal)];

    private static CacheRemoval Remove(IReadOnlyList<CacheFile> files)
    {
        var removed = new List<CacheFile>();
        var failed = new List<string>();
        foreach (var file in files)
        {
            try
            {
                File.Delete(file.Path);
                removed.Add(file);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                failed.Add($"{file.Path}: {ex.Message}");
            }
        }

        return new CacheRemoval(removed, failed);
    }
}

/// <summary>One file of the cache folder.</summary>
/// <param name="Path">Full path.</param>
/// <param name="Bytes">Size.</param>
/// <param name="LastUsedUtc">Last write time: when it was written or last loaded.</param>
public sealed record CacheFile(string Path, long Bytes, DateTime LastUsedUtc);

/// <summary>What a cache folder holds.</summary>
/// <param name="Folder">The folder.</param>
/// <param name="Entries">Compiled methods (<c>*.rsec</c>).</param>
/// <param name="Temporary">Files being written, or left by a process that died (<c>*.tmp</c>).</param>
public sealed record CacheInventory(string Folder, IReadOnlyList<CacheFile> Entries, IReadOnlyList<CacheFile> Temporary)
{
    /// <summary>Method files remembered as having passed the method schema (<c>schema-passed/*</c>, empty files).</summary>
    public IReadOnlyList<CacheFile> Passes { get; init; } = [];

    /// <summary>Total size of the entries.</summary>
    public long EntryBytes => Entries.Sum(e => e.Bytes);
}

/// <summary>What a clear or prune removed, and what it could not.</summary>
/// <param name="Removed">Deleted files.</param>
/// <param name="Failed">Files that could not be deleted, with why.</param>
public sealed record CacheRemoval(IReadOnlyList<CacheFile> Removed, IReadOnlyList<string> Failed);
