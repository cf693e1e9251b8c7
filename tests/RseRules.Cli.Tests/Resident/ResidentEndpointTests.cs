using System.Diagnostics;
using System.Net.Sockets;
using RseRules.Cli.Resident;
using RseRules.Cli.Tests.TestSupport;

namespace RseRules.Cli.Tests.Resident;

/// <summary>Where the resident process listens and how each side knows the other: identity, private folder, socket name,
/// the kernel's word on who is at the other end.</summary>
public sealed class ResidentEndpointTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Identity_VariablesReadOncePerProcess_ChangeIt_OthersDoNot()
    {
        var environment = new Dictionary<string, string>
        {
            ["HOME"] = "/home/a", ["XDG_CACHE_HOME"] = "/home/a/.cache", ["DOTNET_gcServer"] = "1", ["RSE_METHODS_DIR"] = "/m", ["PWD"] = "/x",
        };
        string Of(Dictionary<string, string> env) => ResidentEndpoint.Identity(n => env.GetValueOrDefault(n), env.Keys);
        var reference = Of(environment);

        foreach (var name in new[] { "HOME", "XDG_CACHE_HOME", "DOTNET_gcServer", "TMPDIR", "USER", "XDG_DATA_HOME", "COMPlus_TieredPGO" })
        {
            var changed = new Dictionary<string, string>(environment) { [name] = "/other" };
            Of(changed).ShouldNotBe(reference, name + " is read once per process: another value needs another resident process");
        }

        foreach (var name in new[] { "RSE_METHODS_DIR", "PWD", "COLUMNS", "RSE_TEMPLATES_DIR", "LANG" })
        {
            var changed = new Dictionary<string, string>(environment) { [name] = "/other" };
            Of(changed).ShouldBe(reference, name + " travels with each command");
        }

        // The umask, limits and priority a process inherits are part of it.
        ResidentEndpoint.Identity(n => environment.GetValueOrDefault(n), environment.Keys, "umask 0022")
            .ShouldNotBe(ResidentEndpoint.Identity(n => environment.GetValueOrDefault(n), environment.Keys, "umask 0077"));

        // Set to empty is not unset.
        Of(new Dictionary<string, string>(environment) { ["HOME"] = string.Empty }).ShouldNotBe(Of(environment.Where(e => e.Key != "HOME").ToDictionary()));
    }

    [Fact]
    public void Folder_RuntimeFolderFirst_ElseTempWithTheUserId()
    {
        ResidentEndpoint.Folder(n => n == "XDG_RUNTIME_DIR" ? "/run/user/1000" : null, 1000).ShouldBe("/run/user/1000/rse");
        ResidentEndpoint.Folder(n => n == "TMPDIR" ? "/var/tmp" : null, 42).ShouldBe("/var/tmp/rse-42");
        ResidentEndpoint.Folder(_ => null, 42).ShouldBe("/tmp/rse-42");
        ResidentEndpoint.Folder(n => n == "XDG_RUNTIME_DIR" ? "relative/run" : null, 7).ShouldBe("/tmp/rse-7", "a relative runtime folder is not trusted");
    }

    [Fact]
    public void SocketPath_PerIdentity_ShortEnoughForAUnixSocket()
    {
        var folder = ResidentEndpoint.Folder(n => n == "XDG_RUNTIME_DIR" ? "/run/user/4294967294" : null, 0);
        var a = ResidentEndpoint.SocketPath(folder, "identity a");
        var b = ResidentEndpoint.SocketPath(folder, "identity b");
        a.ShouldNotBe(b);
        a.ShouldBe(ResidentEndpoint.SocketPath(folder, "identity a"));
        System.Text.Encoding.UTF8.GetByteCount(ResidentEndpoint.SocketPath("/tmp/rse-4294967294", "x")).ShouldBeLessThan(108);
        Path.GetDirectoryName(a).ShouldBe(folder);
    }

    [Fact]
    public void MakePrivate_MissingOrOpenFolder_Mode0700_ALinkRefused()
    {
        if (!ResidentEndpoint.Supported)
        {
            return;
        }

        const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        var missing = temp.File("a", "rse");
        ResidentEndpoint.MakePrivate(missing).ShouldBeTrue();
        File.GetUnixFileMode(missing).ShouldBe(Private);

        var open = temp.File("open");
        Directory.CreateDirectory(open);
        File.SetUnixFileMode(open, Private | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute);
        ResidentEndpoint.MakePrivate(open).ShouldBeTrue();
        File.GetUnixFileMode(open).ShouldBe(Private);

        var link = temp.File("link");
        Directory.CreateSymbolicLink(link, open);
        ResidentEndpoint.MakePrivate(link).ShouldBeFalse("a link may lead to someone else's folder");

        var file = temp.File("file");
        File.WriteAllText(file, string.Empty);
        ResidentEndpoint.MakePrivate(file).ShouldBeFalse();
    }

    [Fact]
    public async Task EffectiveUidAndPeerUid_AsTheSystemSays()
    {
        if (!ResidentEndpoint.Supported)
        {
            return;
        }

        var id = Process.Start(new ProcessStartInfo("id", "-u") { RedirectStandardOutput = true })!;
        var expected = uint.Parse((await id.StandardOutput.ReadToEndAsync()).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        await id.WaitForExitAsync();
        ResidentEndpoint.EffectiveUid().ShouldBe(expected);

        var path = temp.File("s.sock");
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen(1);
        using var client = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await client.ConnectAsync(new UnixDomainSocketEndPoint(path));
        using var accepted = await listener.AcceptAsync();

        ResidentEndpoint.PeerUid(client).ShouldBe(expected);
        ResidentEndpoint.PeerUid(accepted).ShouldBe(expected);
    }
}
