using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace RseRules.Core.Runtime;

/// <summary>
/// What generated code calls instead of the text operations a formula writes (never formulas themselves: the sandbox
/// does not allow this type; <see cref="Compilation.FormulaRewriter"/> puts the calls in after the sandbox has checked
/// the formula as written). A text's cost is set by the lengths involved, not by the data's size alone, so each text
/// made is charged to the budget by its length and refused past <see cref="EvaluationBudget.MaxTextLength"/> before it
/// is made, each text walked is charged by its length, and every width and format precision is bounded:
/// <c>$"{1,2000000000}"</c> or <c>x.ToString("D999999999")</c> is an error, never gigabytes.
/// </summary>
public static class TextGuard
{
    /// <summary>Widest alignment of an interpolation hole (<c>{x,20}</c>), either side.</summary>
    public const int MaxAlignment = 1_000;

    /// <summary>Highest precision of a standard numeric format (<c>F2</c>, <c>N0</c>, <c>D8</c>…).</summary>
    public const int MaxPrecision = 100;

    /// <summary>Longest format string (custom formats such as <c>0.00##</c>).</summary>
    public const int MaxFormatLength = 200;

    /// <summary><c>a + b</c> on texts.</summary>
    public static string Concat(string? a, string? b)
    {
        Produce((long)(a?.Length ?? 0) + (b?.Length ?? 0));
        return string.Concat(a, b);
    }

    /// <summary><c>a + b</c> where one side is a text and the other a value (written with its <c>ToString</c>).</summary>
    public static string Concat(object? a, object? b) => Concat(a?.ToString(), b?.ToString());

    /// <summary>An interpolated string (<c>$"…"</c>), built by <see cref="TextBuilder"/>.</summary>
    public static string Interpolate(ref TextBuilder text) => text.ToStringAndClear();

    /// <summary>An interpolated string whose holes are formatted for <paramref name="provider"/> (a French rule message:
    /// <see cref="Diagnostics.Cultures.French"/>, <c>3,25</c>).</summary>
    public static string Interpolate(IFormatProvider? provider, [InterpolatedStringHandlerArgument(nameof(provider))] ref TextBuilder text) => text.ToStringAndClear();

    /// <summary><c>string.Join</c> over a sequence of texts.</summary>
    public static string Join(string? separator, IEnumerable<string?> values) => JoinCore(separator, values);

    /// <summary><c>string.Join</c> over a sequence of values.</summary>
    public static string Join<T>(string? separator, IEnumerable<T> values) => JoinCore(separator, values);

    /// <summary><c>string.Join</c> over texts given one by one or as an array.</summary>
    public static string Join(string? separator, params string?[] values) => JoinCore(separator, values);

    /// <summary><c>string.Join</c> over values given one by one or as an array.</summary>
    public static string Join(string? separator, params object?[] values) => JoinCore(separator, values);

    /// <summary><c>string.Join</c> over part of an array.</summary>
    public static string Join(string? separator, string?[] values, int startIndex, int count)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfNegative(startIndex);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(startIndex, values.Length - count);
        return JoinCore(separator, values.Skip(startIndex).Take(count));
    }

    /// <summary>A format passed to <c>ToString(format)</c>, checked (see <see cref="CheckFormat"/>) at run time.</summary>
    public static string? Format(string? format) =>
        CheckFormat(format) is { } why ? throw new FormatException(why) : format;

    /// <summary>A text a formula reads by walking it (<c>Contains</c>, <c>IndexOf</c>, <c>Substring</c>, <c>Trim</c>…):
    /// charged by its length.</summary>
    public static string? Read(string? text)
    {
        if (text is not null)
        {
            EvaluationBudget.SpendText(text.Length);
        }

        return text;
    }

    /// <summary><c>a == b</c> on texts, charged by the length compared.</summary>
    public static bool Equal(string? a, string? b)
    {
        EvaluationBudget.SpendText(Math.Min(a?.Length ?? 0, b?.Length ?? 0));
        return string.Equals(a, b, StringComparison.Ordinal);
    }

    /// <summary><c>a != b</c> on texts, charged by the length compared.</summary>
    public static bool NotEqual(string? a, string? b) => !Equal(a, b);

    /// <summary><c>a + b == c</c> on texts without making <c>a + b</c>: charged and bounded as <see cref="Concat(string?, string?)"/>
    /// would make it (a text too long fails the same way), then charged as <see cref="Equal"/> would compare it; the same
    /// answer (ordinal). Written by the compiler only where the concatenation's place in the order of evaluation does not
    /// matter (<c>c</c> a name or a literal).</summary>
    public static bool ConcatEqual(string? a, string? b, string? c)
    {
        var la = a?.Length ?? 0;
        var lb = b?.Length ?? 0;
        Produce((long)la + lb);
        EvaluationBudget.SpendText(Math.Min((long)la + lb, c?.Length ?? 0));
        return c is not null && c.Length == la + lb && c.AsSpan(0, la).SequenceEqual(a) && c.AsSpan(la).SequenceEqual(b);
    }

    /// <summary><c>c == a + b</c> on texts (<c>c</c> evaluated first, as written): <see cref="ConcatEqual"/>.</summary>
    public static bool EqualConcat(string? c, string? a, string? b) => ConcatEqual(a, b, c);

    /// <summary>Why a numeric format string is refused, or null when it is accepted: at most
    /// <see cref="MaxFormatLength"/> characters, and a standard format's precision at most <see cref="MaxPrecision"/>.</summary>
    public static string? CheckFormat(string? format)
    {
        if (format is null)
        {
            return null;
        }

        if (format.Length > MaxFormatLength)
        {
            return $"A format string holds at most {MaxFormatLength} characters, not {format.Length:N0}.";
        }

        if (format.Length >= 2 && char.IsAsciiLetter(format[0]) && format.AsSpan(1).IndexOfAnyExceptInRange('0', '9') < 0)
        {
            var precision = long.Parse(format.AsSpan(1, Math.Min(format.Length - 1, 18)), NumberStyles.None, CultureInfo.InvariantCulture);
            if (format.Length - 1 > 18 || precision > MaxPrecision)
            {
                return $"The precision of format '{(format.Length > 20 ? format[..20] + "…" : format)}' is above {MaxPrecision}.";
            }
        }

        return null;
    }

    /// <summary>Why an alignment is refused, or null.</summary>
    public static string? CheckAlignment(long alignment) =>
        Math.Abs(alignment) > MaxAlignment ? $"An alignment is at most {MaxAlignment} characters either side, not {alignment:N0}." : null;

    /// <summary>Charges a text about to be made, refused when it would be too long.</summary>
    internal static void Produce(long length) => Produce(length, length);

    /// <summary>Charges <paramref name="added"/> characters about to be added to a text that will then hold
    /// <paramref name="length"/>, refused when it would be too long.</summary>
    internal static void Produce(long length, long added)
    {
        if (length > EvaluationBudget.MaxTextLength)
        {
            throw new EvaluationBudgetExceededException(
                $"A formula made a text of {length:N0} characters; at most {EvaluationBudget.MaxTextLength:N0} are allowed.")
            {
                TextTooLong = true,
            };
        }

        EvaluationBudget.SpendText(added);
    }

    private static string JoinCore<T>(string? separator, IEnumerable<T> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sb = new StringBuilder();
        var first = true;
        foreach (var value in Budget.Each(values))
        {
            var text = value?.ToString() ?? string.Empty;
            var add = (first ? 0 : separator?.Length ?? 0) + text.Length;
            Produce((long)sb.Length + add, add);
            if (!first)
            {
                sb.Append(separator);
            }

            sb.Append(text);
            first = false;
        }

        return sb.ToString();
    }

    /// <summary>
    /// Builds an interpolated string part by part, each charged and bounded before it is added, in a buffer rented from
    /// the shared array pool (returned when the text is made; a text abandoned by an exception leaves its buffer to the
    /// collector; past 64 Ki characters, buffers are made and dropped, not pooled). A hole that formats itself into a span (<see cref="ISpanFormattable"/>: numbers, dates) is written in
    /// place when it fits and has no alignment, the same characters as its <c>ToString(format, provider)</c>; any other
    /// hole is made as a text first, as before.
    /// </summary>
    [InterpolatedStringHandler]
    public ref struct TextBuilder
    {
        /// <summary>The smallest buffer rented (the shared pool's smallest bucket is 16; interpolated texts are longer).</summary>
        private const int MinimumLength = 256;

        /// <summary>The longest buffer taken from the shared pool (64 Ki characters): a longer text's buffers are made and
        /// dropped, so that one formula making a text near the limit leaves no large buffer in the pool.</summary>
        private const int PooledLength = 1 << 16;

        private readonly IFormatProvider? provider;
        private char[]? buffer;
        private int length;

        /// <summary>Starts a text; the compiler passes the literal length and the number of holes.</summary>
        public TextBuilder(int literalLength, int formattedCount)
        {
            buffer = ArrayPool<char>.Shared.Rent(Math.Clamp(literalLength + (formattedCount * 11), MinimumLength, 1024));
        }

        /// <summary>Starts a text whose holes are formatted for <paramref name="provider"/> (null: the current culture).</summary>
        public TextBuilder(int literalLength, int formattedCount, IFormatProvider? provider)
            : this(literalLength, formattedCount)
        {
            this.provider = provider;
        }

        /// <summary>A literal part.</summary>
        public void AppendLiteral(string value) => Add(value);

        /// <summary>A hole.</summary>
        public void AppendFormatted<T>(T value) => AppendFormatted(value, 0, null);

        /// <summary>A hole with an alignment.</summary>
        public void AppendFormatted<T>(T value, int alignment) => AppendFormatted(value, alignment, null);

        /// <summary>A hole with a format.</summary>
        public void AppendFormatted<T>(T value, string? format) => AppendFormatted(value, 0, format);

        /// <summary>A hole of no particular type (<c>default</c>, <c>null</c>).</summary>
        public void AppendFormatted(object? value, int alignment = 0, string? format = null) => AppendFormatted<object?>(value, alignment, format);

        /// <summary>A hole with an alignment and a format.</summary>
        public void AppendFormatted<T>(T value, int alignment, string? format)
        {
            if (CheckAlignment(alignment) is { } wide)
            {
                throw new FormatException(wide);
            }

            if (value is ISpanFormattable spanFormattable)
            {
                var checkedFormat = Format(format);
                var culture = provider ?? CultureInfo.CurrentCulture;
                if (alignment == 0 && buffer is not null && spanFormattable.TryFormat(buffer.AsSpan(length), out var written, checkedFormat, culture))
                {
                    // Written past the text's end, counted in only once charged (over the limit, it is never part of it).
                    if (written > 0)
                    {
                        Produce((long)length + written, written);
                        length += written;
                    }

                    return;
                }

                Add(Align(spanFormattable.ToString(checkedFormat, culture), alignment));
                return;
            }

            if (value is IFormattable formattable)
            {
                Add(Align(formattable.ToString(Format(format), provider ?? CultureInfo.CurrentCulture), alignment));
                return;
            }

            Add(Align(value?.ToString() ?? string.Empty, alignment));
        }

        /// <summary>The text made.</summary>
        public string ToStringAndClear()
        {
            if (buffer is not { } made)
            {
                return string.Empty;
            }

            var text = new string(made, 0, length);
            buffer = null;
            length = 0;
            Release(made);
            return text;
        }

        /// <summary>A buffer of at least <paramref name="size"/> characters: from the shared pool up to <see cref="PooledLength"/>,
        /// else made (a long text's buffer is left to the collector, never kept by the pool).</summary>
        private static char[] Obtain(int size) => size <= PooledLength ? ArrayPool<char>.Shared.Rent(size) : new char[size];

        /// <summary>A buffer back to the pool when it came from it.</summary>
        private static void Release(char[] done)
        {
            if (done.Length <= PooledLength)
            {
                ArrayPool<char>.Shared.Return(done);
            }
        }

        private static string Align(string text, int alignment)
        {
            var width = Math.Abs(alignment);
            return text.Length >= width ? text : alignment < 0 ? text.PadRight(width) : text.PadLeft(width);
        }

        private void Add(string? value)
        {
            if (string.IsNullOrEmpty(value))
            {
                return;
            }

            Produce((long)length + value.Length, value.Length);
            var into = buffer ??= Obtain(Math.Max(MinimumLength, value.Length));
            if (into.Length - length < value.Length)
            {
                // Grown to at least twice its size: the text's limit (checked above) bounds it.
                into = Obtain((int)Math.Min(Math.Max((long)into.Length * 2, (long)length + value.Length), Array.MaxLength));
                buffer.AsSpan(0, length).CopyTo(into);
                Release(buffer);
                buffer = into;
            }

            value.CopyTo(into.AsSpan(length));
            length += value.Length;
        }
    }
}
