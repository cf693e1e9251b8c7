using System.Text;
using RseRules.Cli.Resident;

namespace RseRules.Cli.Tests.Resident;

/// <summary>The resident process's wire format: what is written is read back whole, and reading trusts no length.</summary>
public sealed class ResidentProtocolTests
{
    private static readonly ResidentRequest Sample = new(
        RequestKind.Run,
        "identity\nwith lines",
        "/home/élodie/dossier de travail",
        [new("RSE_METHODS_DIR", "/srv/méthodes"), new("EMPTY", string.Empty)],
        ["evaluate", "--inputs", "entreprise « Ça va » 😀.json", string.Empty],
        new Terminal(true, false, 132));

    [Fact]
    public void ReadRequest_WhatWriteRequestWrote_TheSameRequest()
    {
        using var stream = new MemoryStream();
        ResidentProtocol.WriteRequest(stream, Sample);
        stream.Position = 0;

        var read = ResidentProtocol.ReadRequest(stream);

        read.Kind.ShouldBe(Sample.Kind);
        read.Identity.ShouldBe(Sample.Identity);
        read.WorkingDirectory.ShouldBe(Sample.WorkingDirectory);
        read.Environment.ShouldBe(Sample.Environment);
        read.Args.ShouldBe(Sample.Args);
        read.Terminal.ShouldBe(Sample.Terminal);
        stream.Position.ShouldBe(stream.Length, "nothing left unread");
    }

    [Fact]
    public void ReadRequest_EveryTruncation_RefusedNeverHalfRead()
    {
        using var whole = new MemoryStream();
        ResidentProtocol.WriteRequest(whole, Sample);
        var bytes = whole.ToArray();
        for (var length = 0; length < bytes.Length; length++)
        {
            using var cut = new MemoryStream(bytes, 0, length);
            Should.Throw<Exception>(() => ResidentProtocol.ReadRequest(cut)).ShouldBeAssignableTo<IOException>($"cut at {length}");
        }
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(ResidentProtocol.MaxString + 1)]
    [InlineData(int.MaxValue)]
    public void ReadRequest_StringLengthOutOfBounds_Refused(int length)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(length);
        }

        stream.Position = 0;
        Should.Throw<InvalidDataException>(() => ResidentProtocol.ReadRequest(stream));
    }

    [Fact]
    public void ReadRequest_StringsOverTheRequestsBound_Refused()
    {
        // Each string within its own bound, all of them over the request's: refused before reading the ninth.
        var big = new string('x', ResidentProtocol.MaxString);
        var request = Sample with { Args = [.. Enumerable.Repeat(big, 9)] };
        using var stream = new MemoryStream();
        ResidentProtocol.WriteRequest(stream, request);
        stream.Position = 0;

        Should.Throw<InvalidDataException>(() => ResidentProtocol.ReadRequest(stream));
    }

    [Fact]
    public void ReadRequest_TooManyArguments_Refused()
    {
        var request = Sample with { Args = [.. Enumerable.Repeat("a", ResidentProtocol.MaxItems + 1)] };
        using var stream = new MemoryStream();
        ResidentProtocol.WriteRequest(stream, request);
        stream.Position = 0;

        Should.Throw<InvalidDataException>(() => ResidentProtocol.ReadRequest(stream));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    [InlineData(255)]
    public void ReadRequest_UnknownKind_Refused(byte kind)
    {
        using var stream = new MemoryStream();
        ResidentProtocol.WriteRequest(stream, Sample);
        var bytes = stream.ToArray();
        bytes[4 + ResidentProtocol.Magic.Length] = kind;

        Should.Throw<InvalidDataException>(() => ResidentProtocol.ReadRequest(new MemoryStream(bytes)));
    }

    [Fact]
    public void ReadRequest_AnotherMagic_Refused()
    {
        using var stream = new MemoryStream();
        ResidentProtocol.WriteRequest(stream, Sample);
        var bytes = stream.ToArray();
        bytes[4] = (byte)'R';

        Should.Throw<InvalidDataException>(() => ResidentProtocol.ReadRequest(new MemoryStream(bytes)));
    }

    [Fact]
    public void ReadFrame_EachKind_ReadBackInOrder()
    {
        using var stream = new MemoryStream();
        ResidentProtocol.WriteOutput(stream, FrameKind.Output, "sortie é"u8);
        ResidentProtocol.WriteOutput(stream, FrameKind.Error, "erreur"u8);
        ResidentProtocol.WriteExit(stream, 3);
        ResidentProtocol.WriteRefused(stream, "pourquoi");
        stream.Position = 0;

        var output = ResidentProtocol.ReadFrame(stream)!.Value;
        (output.Kind, Encoding.UTF8.GetString(output.Bytes)).ShouldBe((FrameKind.Output, "sortie é"));
        var error = ResidentProtocol.ReadFrame(stream)!.Value;
        (error.Kind, Encoding.UTF8.GetString(error.Bytes)).ShouldBe((FrameKind.Error, "erreur"));
        var exit = ResidentProtocol.ReadFrame(stream)!.Value;
        (exit.Kind, exit.Code).ShouldBe((FrameKind.Exit, 3));
        var refused = ResidentProtocol.ReadFrame(stream)!.Value;
        (refused.Kind, refused.Reason).ShouldBe((FrameKind.Refused, "pourquoi"));
        ResidentProtocol.ReadFrame(stream).ShouldBeNull();
    }

    [Fact]
    public void ReadFrame_OutputLongerThanItsBoundOrCut_Refused()
    {
        using var tooLong = new MemoryStream();
        tooLong.WriteByte((byte)FrameKind.Output);
        tooLong.Write(BitConverter.GetBytes(ResidentProtocol.MaxFrame + 1));
        tooLong.Position = 0;
        Should.Throw<InvalidDataException>(() => ResidentProtocol.ReadFrame(tooLong));

        using var cut = new MemoryStream();
        ResidentProtocol.WriteOutput(cut, FrameKind.Output, "0123456789"u8);
        var bytes = cut.ToArray()[..^3];
        Should.Throw<EndOfStreamException>(() => ResidentProtocol.ReadFrame(new MemoryStream(bytes)));

        Should.Throw<InvalidDataException>(() => ResidentProtocol.ReadFrame(new MemoryStream([9])));
    }
}
