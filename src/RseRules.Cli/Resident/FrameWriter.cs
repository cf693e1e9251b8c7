using System.Text;

namespace RseRules.Cli.Resident;

/// <summary>
/// The frames of one command's outputs on the client's connection: <see cref="Output"/> and <see cref="Error"/> are the
/// command's stdout and stderr writers (UTF-8, as the process's console is set), buffered and sent as frames, in the
/// order they were written (writing to one stream sends what the other holds first). A connection the client has closed
/// (interrupted) makes the rest of the command's output go nowhere: the command still ends normally.
/// </summary>
internal sealed class FrameSink(Stream stream)
{
    private const int BufferSize = 16 * 1024;
    private readonly byte[] pending = new byte[BufferSize];
    private int held;
    private FrameKind pendingKind = FrameKind.Output;
    private bool broken;

    public TextWriter Output => field ??= new Writer(this, FrameKind.Output);

    public TextWriter Error => field ??= new Writer(this, FrameKind.Error);

    /// <summary>Sends what is held, then the exit code.</summary>
    public void Exit(int code)
    {
        Send();
        Try(() => ResidentProtocol.WriteExit(stream, code));
    }

    private void Append(FrameKind kind, ReadOnlySpan<byte> bytes)
    {
        if (kind != pendingKind)
        {
            Send();
            pendingKind = kind;
        }

        while (!bytes.IsEmpty)
        {
            var n = Math.Min(bytes.Length, BufferSize - held);
            bytes[..n].CopyTo(pending.AsSpan(held));
            held += n;
            bytes = bytes[n..];
            if (held == BufferSize)
            {
                Send();
            }
        }
    }

    private void Send()
    {
        if (held == 0)
        {
            return;
        }

        Try(() => ResidentProtocol.WriteOutput(stream, pendingKind, pending.AsSpan(0, held)));
        held = 0;
    }

    private void Try(Action write)
    {
        if (broken)
        {
            return;
        }

        try
        {
            write();
        }
        catch (IOException)
        {
            broken = true;
        }
        catch (ObjectDisposedException)
        {
            broken = true;
        }
    }

    private sealed class Writer(FrameSink sink, FrameKind kind) : TextWriter(System.Globalization.CultureInfo.InvariantCulture)
    {
        private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
        private readonly Encoder encoder = Utf8.GetEncoder();

        public override Encoding Encoding => Utf8;

        public override void Write(char value) => Write([value]);

        public override void Write(char[] buffer, int index, int count) => Write(buffer.AsSpan(index, count));

        public override void Write(string? value) => Write(value.AsSpan());

        public override void Write(ReadOnlySpan<char> buffer)
        {
            Span<byte> bytes = stackalloc byte[1024];
            while (!buffer.IsEmpty)
            {
                var chunk = buffer[..Math.Min(buffer.Length, 256)];
                encoder.Convert(chunk, bytes, flush: false, out var used, out var written, out _);
                sink.Append(kind, bytes[..written]);
                buffer = buffer[used..];
            }
        }

        public override void Flush() => sink.Send();
    }
}
