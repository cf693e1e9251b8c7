using System.Buffers;
using System.Text;

namespace RseRules.Core.Evaluation;

/// <summary>
/// An evaluation record's canonical text, written once (<see cref="EvaluationRecord.WriteText"/>), with its hash: to
/// send as UTF-8 (<see cref="WriteTo"/>, <see cref="Utf8Length"/>) or to keep as a string (<see cref="ToString"/>).
/// It holds a buffer borrowed from the writer: dispose it when done (after <see cref="WriteTo"/>; it cannot be read
/// after that).
/// </summary>
public sealed class RecordText : IDisposable
{
    private readonly Action<StringBuilder> giveBack;
    private readonly int at;
    private readonly string member;
    private StringBuilder? text;
    private int utf8Length = -1;

    internal RecordText(StringBuilder textWithoutHash, int at, string hash, Action<StringBuilder> giveBack)
    {
        text = textWithoutHash;
        this.at = at;
        Hash = hash;
        member = ",\"" + EvaluationRecord.HashProperty + "\":\"" + hash + "\"";
        this.giveBack = giveBack;
    }

    /// <summary>The record's hash, the value of its <c>recordSha256</c> member.</summary>
    public string Hash { get; }

    /// <summary>The number of UTF-16 characters of the text.</summary>
    public int Length => Text.Length + member.Length;

    /// <summary>The number of bytes <see cref="WriteTo"/> writes.</summary>
    public int Utf8Length
    {
        get
        {
            if (utf8Length < 0)
            {
                // Encoded (into a scratch buffer) rather than counted chunk by chunk: a pair split between two chunks
                // must count as one character, and only an encoder carries it over.
                var n = (long)member.Length; // ASCII
                var encoder = Encoding.UTF8.GetEncoder();
                Span<byte> scratch = stackalloc byte[1024];
                foreach (var chunk in Text.GetChunks())
                {
                    var span = chunk.Span;
                    while (span.Length > 0)
                    {
                        encoder.Convert(span, scratch, flush: false, out var charsUsed, out var bytesUsed, out _);
                        n += bytesUsed;
                        span = span[charsUsed..];
                    }
                }

                encoder.Convert([], scratch, flush: true, out _, out var last, out _);
                utf8Length = checked((int)(n + last));
            }

            return utf8Length;
        }
    }

    private StringBuilder Text => text ?? throw new ObjectDisposedException(nameof(RecordText));

    /// <summary>Writes the text as UTF-8 (without a byte order mark).</summary>
    public void WriteTo(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var encoder = Encoding.UTF8.GetEncoder();
        var sb = Text;
        var position = 0;
        foreach (var chunk in sb.GetChunks())
        {
            var span = chunk.Span;
            if (position < at && position + span.Length >= at)
            {
                // The hash member goes inside this chunk (or right after it).
                var before = at - position;
                encoder.Convert(span[..before], output, flush: false, out _, out _);
                encoder.Convert(member, output, flush: false, out _, out _);
                encoder.Convert(span[before..], output, flush: false, out _, out _);
            }
            else
            {
                encoder.Convert(span, output, flush: false, out _, out _);
            }

            position += span.Length;
        }

        encoder.Convert([], output, flush: true, out _, out _);
    }

    /// <summary>The text as a string.</summary>
    public override string ToString()
    {
        return string.Create(Length, this, static (span, self) =>
        {
            var sb = self.Text;
            sb.CopyTo(0, span, self.at);
            self.member.AsSpan().CopyTo(span[self.at..]);
            sb.CopyTo(self.at, span[(self.at + self.member.Length)..], sb.Length - self.at);
        });
    }

    /// <summary>Gives the buffer back to the writer.</summary>
    public void Dispose()
    {
        if (text is { } sb)
        {
            text = null;
            giveBack(sb);
        }
    }
}
