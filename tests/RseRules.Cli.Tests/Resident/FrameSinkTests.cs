using System.Text;
using RseRules.Cli.Resident;

namespace RseRules.Cli.Tests.Resident;

/// <summary>A command's stdout and stderr sent as frames: in the order written, text whole (characters cut across buffers
/// included), and a client gone makes the rest go nowhere without failing the command.</summary>
public sealed class FrameSinkTests
{
    [Fact]
    public void Exit_AfterInterleavedWrites_FramesInTheOrderWritten()
    {
        using var stream = new MemoryStream();
        var sink = new FrameSink(stream);
        sink.Output.Write("un ");
        sink.Output.WriteLine("deux");
        sink.Error.WriteLine("erreur 1");
        sink.Output.Write('3');
        sink.Error.Write("erreur 2".AsSpan());
        sink.Exit(1);
        stream.Position = 0;

        Frames(stream).ShouldBe([
            (FrameKind.Output, "un deux" + Environment.NewLine),
            (FrameKind.Error, "erreur 1" + Environment.NewLine),
            (FrameKind.Output, "3"),
            (FrameKind.Error, "erreur 2"),
            (FrameKind.Exit, "1"),
        ]);
    }

    [Theory]
    [InlineData(255)]
    [InlineData(256)]
    [InlineData(257)]
    [InlineData(40_000)]
    public void Write_AccentsAndSurrogatePairsAcrossEveryBoundary_SameTextBack(int prefix)
    {
        // Characters of two, three and four UTF-8 bytes at the writer's 256-character chunks and the sink's 16 KiB frames.
        var text = new string('a', prefix) + string.Concat(Enumerable.Repeat("é€😀ÇA « va » ", 3000));
        using var stream = new MemoryStream();
        var sink = new FrameSink(stream);
        sink.Output.Write(text);
        sink.Exit(0);
        stream.Position = 0;

        var frames = Frames(stream);
        frames[^1].ShouldBe((FrameKind.Exit, "0"));
        string.Concat(frames.Where(f => f.Kind == FrameKind.Output).Select(f => f.Text)).ShouldBe(text);
    }

    [Fact]
    public void Write_TheClientGone_TheCommandGoesOn()
    {
        var stream = new MemoryStream();
        var sink = new FrameSink(stream);
        sink.Output.Write("avant");
        sink.Output.Flush();
        stream.Dispose();

        Should.NotThrow(() =>
        {
            sink.Output.Write(new string('x', 100_000));
            sink.Error.WriteLine("après");
            sink.Exit(0);
        });
    }

    private static List<(FrameKind Kind, string Text)> Frames(Stream stream)
    {
        var frames = new List<(FrameKind, string)>();
        var pending = new List<byte>();
        var pendingKind = FrameKind.Output;
        while (ResidentProtocol.ReadFrame(stream) is { } frame)
        {
            if (frame.Kind is FrameKind.Output or FrameKind.Error)
            {
                // Frames are cut by size, not by character: bytes are joined per run of one stream before decoding.
                if (pending.Count > 0 && frame.Kind != pendingKind)
                {
                    frames.Add((pendingKind, Encoding.UTF8.GetString([.. pending])));
                    pending.Clear();
                }

                pendingKind = frame.Kind;
                pending.AddRange(frame.Bytes);
                continue;
            }

            if (pending.Count > 0)
            {
                frames.Add((pendingKind, Encoding.UTF8.GetString([.. pending])));
                pending.Clear();
            }

            frames.Add((frame.Kind, frame.Kind == FrameKind.Exit ? frame.Code.ToString(System.Globalization.CultureInfo.InvariantCulture) : frame.Reason!));
        }

        return frames;
    }
}
