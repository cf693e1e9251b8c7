using System.Globalization;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace RseRules.Cli.Resident;

/// <summary>
/// Where the resident process of this build of <c>rse</c> listens, for this user, and how each side makes sure the
/// other is the same user: a Unix socket in a folder only the user may enter (<c>$XDG_RUNTIME_DIR/rse</c>, else
/// <c>&lt;temp&gt;/rse-&lt;uid&gt;</c>, mode 0700, checked to be the user's own), named after the identity of the build
/// and of what the process reads from its environment once (<see cref="Identity"/>); both ends read the other's user id
/// from the kernel (<c>SO_PEERCRED</c>) and refuse any other. Linux only: elsewhere every command runs in its own process.
/// </summary>
internal static class ResidentEndpoint
{
    /// <summary><c>RSE_SERVER=off</c>: never use nor start a resident process.</summary>
    public const string Variable = "RSE_SERVER";

    /// <summary>Environment variables read once per process (so a resident process can only serve commands run with the
    /// same values): the compiled-method cache's default folder, the runtime's settings.</summary>
    private static readonly string[] ReadOnce = ["HOME", "USER", "LOGNAME", "TMPDIR", "XDG_CACHE_HOME", "XDG_DATA_HOME"];

    private const int SolSocket = 1;
    private const int SoPeerCred = 17;

    /// <summary>Whether this platform can have a resident process (Linux: Unix sockets and peer credentials).</summary>
    [System.Runtime.Versioning.SupportedOSPlatformGuard("linux")]
    public static bool Supported => OperatingSystem.IsLinux();

    /// <summary>Whether the environment turns the resident process off (<c>RSE_SERVER=off</c>, <c>0</c> or <c>false</c>).</summary>
    public static bool Disabled(Func<string, string?> environment)
    {
        var value = environment(Variable);
        return value is not null && (value.Equals("off", StringComparison.OrdinalIgnoreCase) || value == "0" || value.Equals("false", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// What a resident process must share with a command to run it: this build of rse (its module's id, its path, the
    /// runtime), and the environment variables read once per process (<see cref="ReadOnce"/>, every <c>DOTNET_</c> and
    /// <c>COMPlus_</c> one). The rest of the environment and the working folder travel with each command.
    /// </summary>
    public static string Identity(Func<string, string?> environment, IEnumerable<string> variableNames, string? processState = null)
    {
        // No LINQ: this runs before every command, JIT-compiled each time.
        var names = new List<string>(ReadOnce);
        foreach (var name in variableNames)
        {
            if ((name.StartsWith("DOTNET_", StringComparison.Ordinal) || name.StartsWith("COMPlus_", StringComparison.Ordinal)) && !names.Contains(name))
            {
                names.Add(name);
            }
        }

        names.Sort(StringComparer.Ordinal);
        var text = new StringBuilder();
        text.Append("rse-resident/1\n");
        text.Append(typeof(ResidentEndpoint).Assembly.ManifestModule.ModuleVersionId.ToString("N")).Append('\n');
        text.Append(typeof(ResidentEndpoint).Assembly.Location).Append('\n');
        text.Append(RuntimeInformation.FrameworkDescription).Append('\n');

        // What a process inherits from the one that started it and keeps: the umask (the permissions of the files a
        // command creates), the resource limits (ulimit) and the scheduling priority (nice).
        text.Append("process=").Append(processState ?? "\0").Append('\n');
        foreach (var name in names)
        {
            text.Append(name).Append('=').Append(environment(name) ?? "\0").Append('\n');
        }

        return text.ToString();
    }

    /// <summary>The identity of this process, from its own environment.</summary>
    public static string CurrentIdentity()
    {
        var names = new List<string>();
        foreach (var key in Environment.GetEnvironmentVariables().Keys)
        {
            names.Add((string)key);
        }

        return Identity(Environment.GetEnvironmentVariable, names, OperatingSystem.IsLinux() ? InheritedState() : null);
    }

    /// <summary>The umask, resource limits and nice value of this process (Linux, from <c>/proc/self</c>).</summary>
    private static string InheritedState()
    {
        var stat = File.ReadAllText("/proc/self/stat");

        // After "pid (comm) ", the fields are state(3) … nice(19): the 17th field after the command's closing parenthesis.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return "umask " + ProcessStatus("Umask:") + "\nnice " + fields[16] + "\n" + File.ReadAllText("/proc/self/limits");
    }

    /// <summary>This process's endpoint: its socket (in the user's folder, made private), identity and user id; null on
    /// another platform or when the folder cannot be made private.</summary>
    public static (string Socket, string Identity, uint Uid)? Current()
    {
        if (!Supported)
        {
            return null;
        }

        var uid = EffectiveUid();
        var folder = Folder(Environment.GetEnvironmentVariable, uid);
        if (!MakePrivate(folder))
        {
            return null;
        }

        var identity = CurrentIdentity();
        return (SocketPath(folder, identity), identity, uid);
    }

    /// <summary>The user's folder of resident processes: <c>$XDG_RUNTIME_DIR/rse</c> (absolute), else <c>&lt;temp&gt;/rse-&lt;uid&gt;</c>.</summary>
    public static string Folder(Func<string, string?> environment, uint uid)
    {
        var runtime = environment("XDG_RUNTIME_DIR");
        if (!string.IsNullOrEmpty(runtime) && Path.IsPathFullyQualified(runtime))
        {
            return Path.Combine(runtime, "rse");
        }

        var temp = environment("TMPDIR");
        return Path.Combine(!string.IsNullOrEmpty(temp) && Path.IsPathFullyQualified(temp) ? temp : "/tmp", "rse-" + uid.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Makes sure <paramref name="folder"/> is private to the user: created 0700 if missing; not a link; its mode set to
    /// 0700 (which only its owner can do: a folder someone else made fails here). False when it is not.
    /// </summary>
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public static bool MakePrivate(string folder)
    {
        try
        {
            var info = new DirectoryInfo(folder);
            if (!info.Exists)
            {
                Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                info.Refresh();
            }

            if (info.LinkTarget is not null)
            {
                return false;
            }

            File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            return File.GetUnixFileMode(folder) == (UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return false;
        }
    }

    /// <summary>The socket of an identity in the folder: a 64-bit FNV-1a hash of it (the identity itself is checked in
    /// every request, so a collision only means a refusal).</summary>
    public static string SocketPath(string folder, string identity)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(identity))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return Path.Combine(folder, hash.ToString("x16", CultureInfo.InvariantCulture) + ".sock");
    }

    /// <summary>The user id of the process at the other end of a connected Unix socket, from the kernel; null if unknown.</summary>
    public static uint? PeerUid(Socket socket)
    {
        Span<byte> credentials = stackalloc byte[12];
        try
        {
            // struct ucred { pid_t pid; uid_t uid; gid_t gid; }
            return socket.GetRawSocketOption(SolSocket, SoPeerCred, credentials) == 12
                ? BitConverter.ToUInt32(credentials[4..8])
                : null;
        }
        catch (SocketException)
        {
            return null;
        }
    }

    /// <summary>The process's effective user id (the second id of the <c>Uid:</c> line of <c>/proc/self/status</c>).</summary>
    public static uint EffectiveUid()
    {
        // Uid:<tab>real<tab>effective<tab>saved<tab>filesystem
        var ids = ProcessStatus("Uid:") ?? throw new IOException("/proc/self/status has no Uid line.");
        var rest = ids[ids.AsSpan().IndexOfAny('\t', ' ')..].AsSpan().TrimStart();
        var end = rest.IndexOfAny('\t', ' ');
        return uint.Parse(end < 0 ? rest : rest[..end], NumberStyles.None, CultureInfo.InvariantCulture);
    }

    /// <summary>The value of a line of <c>/proc/self/status</c> (after its name, trimmed), or null.</summary>
    private static string? ProcessStatus(string name)
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith(name, StringComparison.Ordinal))
            {
                return line[name.Length..].Trim();
            }
        }

        return null;
    }

    /// <summary>Detaches the process from the terminal's session (a resident process must not get the terminal's
    /// Ctrl-C or hang-up).</summary>
    public static void NewSession()
    {
        try
        {
            _ = NativeMethods.setsid6();
        }
        catch (DllNotFoundException)
        {
            _ = NativeMethods.setsid();
        }
    }

    private static class NativeMethods
    {
        [DllImport("libc.so.6", EntryPoint = "setsid")]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        internal static extern int setsid6();

        [DllImport("libc", EntryPoint = "setsid")]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        internal static extern int setsid();
    }
}
