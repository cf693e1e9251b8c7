using System.Text;

namespace RseRules.Cli.Resident;

/// <summary>What a client asks the resident process.</summary>
internal enum RequestKind : byte
{
    /// <summary>Run a command line.</summary>
    Run = 1,

    /// <summary>Say what the process is and has done.</summary>
    Status = 2,

    /// <summary>Stop (after answering).</summary>
    Stop = 3,
}

/// <summary>What the resident process sends back, frame by frame.</summary>
internal enum FrameKind : byte
{
    /// <summary>Bytes of the command's standard output (UTF-8).</summary>
    Output = 1,

    /// <summary>Bytes of the command's standard error (UTF-8).</summary>
    Error = 2,

    /// <summary>The command ended with this exit code: the last frame.</summary>
    Exit = 3,

    /// <summary>The process does not run this command (another build or environment, stopping): the client runs it itself. The last frame.</summary>
    Refused = 4,
}

/// <summary>A command line sent to the resident process, with what it runs in: the client's working folder, environment
/// and terminal.</summary>
internal sealed record ResidentRequest(
    RequestKind Kind,
    string Identity,
    string WorkingDirectory,
    IReadOnlyList<KeyValuePair<string, string>> Environment,
    IReadOnlyList<string> Args,
    Terminal Terminal);

/// <summary>
/// The resident process's wire format, over a Unix stream socket. A request: the magic <c>rse-resident/1</c>, its kind, the
/// client's identity (<see cref="ResidentEndpoint.Identity"/>), working folder, environment (name, value pairs), arguments
/// and terminal (stdout a terminal, stderr a terminal, width). Then frames back: a kind byte and, for output, a length and
/// the bytes; for the exit, the code; for a refusal, why. Strings are a length (4 bytes, little-endian) and UTF-8 bytes.
/// Reading trusts nothing: every length is bounded (<see cref="MaxString"/>, <see cref="MaxItems"/>, <see cref="MaxFrame"/>).
/// </summary>
internal static class ResidentProtocol
{
    /// <summary>The first bytes of every request.</summary>
    public const string Magic = "rse-resident/1";

    /// <summary>The longest string a request may carry, in bytes.</summary>
    public const int MaxString = 1 << 20;

    /// <summary>The most arguments, or environment variables, a request may carry.</summary>
    public const int MaxItems = 16_384;

    /// <summary>The most bytes of strings a request may carry in all.</summary>
    public const int MaxRequest = 8 << 20;

    /// <summary>The longest output frame, in bytes.</summary>
    public const int MaxFrame = 1 << 20;

    public static void WriteRequest(Stream stream, ResidentRequest request)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            WriteString(writer, Magic);
            writer.Write((byte)request.Kind);
            WriteString(writer, request.Identity);
            WriteString(writer, request.WorkingDirectory);
            writer.Write(request.Environment.Count);
            foreach (var (name, value) in request.Environment)
            {
                WriteString(writer, name);
                WriteString(writer, value);
            }

            writer.Write(request.Args.Count);
            foreach (var arg in request.Args)
            {
                WriteString(writer, arg);
            }

            writer.Write(request.Terminal.Output);
            writer.Write(request.Terminal.Error);
            writer.Write(request.Terminal.Width);
        }

        buffer.WriteTo(stream);
        stream.Flush();
    }

    /// <summary>Reads a request; throws <see cref="InvalidDataException"/> when it is not one (or is too large).</summary>
    public static ResidentRequest ReadRequest(Stream stream)
    {
        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        var left = MaxRequest;
        if (ReadString(reader, ref left) != Magic)
        {
            throw new InvalidDataException("Not a request of the resident process.");
        }

        var kind = (RequestKind)reader.ReadByte();
        if (!Enum.IsDefined(kind))
        {
            throw new InvalidDataException($"Unknown request kind {(byte)kind}.");
        }

        var identity = ReadString(reader, ref left);
        var directory = ReadString(reader, ref left);
        var environment = new KeyValuePair<string, string>[Count(reader)];
        for (var i = 0; i < environment.Length; i++)
        {
            environment[i] = new(ReadString(reader, ref left), ReadString(reader, ref left));
        }

        var args = new string[Count(reader)];
        for (var i = 0; i < args.Length; i++)
        {
            args[i] = ReadString(reader, ref left);
        }

        var terminal = new Terminal(reader.ReadBoolean(), reader.ReadBoolean(), reader.ReadInt32());
        if (terminal.Width is < 0 or > 10_000)
        {
            throw new InvalidDataException($"Terminal width {terminal.Width} out of range.");
        }

        return new ResidentRequest(kind, identity, directory, environment, args, terminal);
    }

    /// <summary>Writes an output frame (<see cref="FrameKind.Output"/> or <see cref="FrameKind.Error"/>).</summary>
    public static void WriteOutput(Stream stream, FrameKind kind, ReadOnlySpan<byte> bytes)
    {
        Span<byte> head = stackalloc byte[5];
        head[0] = (byte)kind;
        BitConverter.TryWriteBytes(head[1..], bytes.Length);
        stream.Write(head);
        stream.Write(bytes);
    }

    public static void WriteExit(Stream stream, int code)
    {
        Span<byte> frame = stackalloc byte[5];
        frame[0] = (byte)FrameKind.Exit;
        BitConverter.TryWriteBytes(frame[1..], code);
        stream.Write(frame);
        stream.Flush();
    }

    public static void WriteRefused(Stream stream, string reason)
    {
        stream.WriteByte((byte)FrameKind.Refused);
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        WriteString(writer, reason);
        writer.Flush();
    }

    /// <summary>Reads the next frame: its kind and, for output, the bytes; for the exit, the code; for a refusal, the reason.
    /// Null at the end of the stream.</summary>
    public static (FrameKind Kind, byte[] Bytes, int Code, string? Reason)? ReadFrame(Stream stream)
    {
        var first = stream.ReadByte();
        if (first < 0)
        {
            return null;
        }

        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        var kind = (FrameKind)first;
        switch (kind)
        {
            case FrameKind.Output or FrameKind.Error:
                var length = reader.ReadInt32();
                if (length is < 0 or > MaxFrame)
                {
                    throw new InvalidDataException($"Frame of {length} bytes.");
                }

                return (kind, reader.ReadBytes(length) is { } bytes && bytes.Length == length ? bytes : throw new EndOfStreamException(), 0, null);
            case FrameKind.Exit:
                return (kind, [], reader.ReadInt32(), null);
            case FrameKind.Refused:
                var left = MaxString;
                return (kind, [], 0, ReadString(reader, ref left));
            default:
                throw new InvalidDataException($"Unknown frame kind {first}.");
        }
    }

    private static void WriteString(BinaryWriter writer, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        writer.Write(bytes.Length);
        writer.Write(bytes);
    }

    private static string ReadString(BinaryReader reader, ref int left)
    {
        var length = reader.ReadInt32();
        if (length is < 0 or > MaxString || length > left)
        {
            throw new InvalidDataException($"String of {length} bytes.");
        }

        left -= length;
        var bytes = reader.ReadBytes(length);
        return bytes.Length == length ? Encoding.UTF8.GetString(bytes) : throw new EndOfStreamException();
    }

    private static int Count(BinaryReader reader)
    {
        var count = reader.ReadInt32();
        return count is >= 0 and <= MaxItems ? count : throw new InvalidDataException($"{count} items.");
    }
}
