using System.Globalization;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using RseRules.Core.Diagnostics;

namespace RseRules.Core.Json;

/// <summary>
/// A JSON document read from a file, with what is needed to point back into it: the raw text,
/// the parsed tree, and the position of every value by RFC 6901 pointer.
/// Only strict JSON (RFC 8259) is accepted: no comments, no trailing commas, no NaN, no duplicate keys.
/// </summary>
public sealed class JsonSource
{
    /// <summary>Deepest nesting accepted, to keep every later recursive walk bounded.</summary>
    public const int MaxDepth = 64;

    /// <summary>Largest file read, in bytes (16 MiB): method files and input documents are far smaller.</summary>
    public const long MaxFileBytes = 16L * 1024 * 1024;

    /// <summary>Most elements in one array.</summary>
    public const int MaxArrayLength = 100_000;

    /// <summary>Most members in one object.</summary>
    public const int MaxObjectMembers = 10_000;

    /// <summary>Longest string value or property name, in UTF-16 code units.</summary>
    public const int MaxStringLength = 1_000_000;

    private readonly Dictionary<string, JsonSource> mounts = new(StringComparer.Ordinal);

    /// <summary>
    /// Where every value and member name starts, and where lines start: found by scanning the text again the first time
    /// a position is asked for (a valid document read and evaluated never needs one).
    /// </summary>
    private readonly Lazy<Locations> locations;

    private JsonSource(string path, string text, JToken root, Lazy<Locations>? locations = null)
    {
        Path = path;
        Text = text;
        Root = root;
        this.locations = locations ?? new Lazy<Locations>(() => Locations.Of(text), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    private sealed record Locations(Dictionary<string, int> ValueStarts, Dictionary<string, int> KeyStarts, int[] LineStarts)
    {
        public static Locations Of(string text)
        {
            var scanner = new StrictJsonScanner(text, record: true);
            scanner.Scan(out _, out _);
            return new Locations(scanner.ValueStarts, scanner.KeyStarts, ComputeLineStarts(text));
        }
    }

    private Dictionary<string, int> valueStarts => locations.Value.ValueStarts;

    private Dictionary<string, int> keyStarts => locations.Value.KeyStarts;

    private int[] lineStarts => locations.Value.LineStarts;

    /// <summary>The file name as the user gave it (used in diagnostics).</summary>
    public string Path { get; }

    /// <summary>The raw text (BOM removed).</summary>
    public string Text { get; }

    /// <summary>The parsed document.</summary>
    public JToken Root { get; }

    /// <summary>Reads and parses a file. Returns null with diagnostics when it cannot.</summary>
    /// <param name="path">The file.</param>
    /// <param name="diagnostics">Where problems are added.</param>
    /// <param name="displayPath">The path as shown in diagnostics (default <paramref name="path"/>).</param>
    /// <param name="messages">The language of the messages (default English).</param>
    public static JsonSource? Load(string path, ICollection<Diagnostic> diagnostics, string? displayPath = null, InputMessages? messages = null)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        var m = messages ?? InputMessages.English;
        var shown = displayPath ?? path;
        if (!File.Exists(path))
        {
            diagnostics.Add(new Diagnostic(DiagnosticCode.FileNotFound, Severity.Error, m.FileNotFound(shown), shown));
            return null;
        }

        string text;
        try
        {
            var length = new FileInfo(path).Length;
            if (length > MaxFileBytes)
            {
                diagnostics.Add(new Diagnostic(DiagnosticCode.FileTooLarge, Severity.Error, m.FileTooLarge(length, MaxFileBytes), shown));
                return null;
            }

            var bytes = File.ReadAllBytes(path);
            text = Decode(bytes);
        }
        catch (DecoderFallbackException ex)
        {
            diagnostics.Add(new Diagnostic(DiagnosticCode.FileUnreadable, Severity.Error, m.FileNotUtf8(ex.Index), shown));
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(new Diagnostic(DiagnosticCode.FileUnreadable, Severity.Error, m.FileUnreadable(ex.Message), shown));
            return null;
        }

        return Parse(text, shown, diagnostics, messages);
    }

    /// <summary>Parses text already in memory.</summary>
    /// <param name="text">The JSON text.</param>
    /// <param name="path">The file name shown in diagnostics.</param>
    /// <param name="diagnostics">Where problems are added.</param>
    /// <param name="messages">The language of the messages (default English).</param>
    public static JsonSource? Parse(string text, string path, ICollection<Diagnostic> diagnostics, InputMessages? messages = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(diagnostics);
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        // Checked without recording where values start (no pointer per value); an error is scanned again to be located.
        if (!new StrictJsonScanner(text, record: false).Scan(out _, out _))
        {
            var scanner = new StrictJsonScanner(text, record: true, messages);
            scanner.Scan(out var error, out var errorOffset);
            var pos = PositionOf(ComputeLineStarts(text), errorOffset);
            var code = scanner.DuplicateKey ? DiagnosticCode.JsonDuplicateKey : DiagnosticCode.JsonSyntax;
            diagnostics.Add(new Diagnostic(code, Severity.Error, error, path, pos.Line, pos.Column, scanner.CurrentPointer));
            return null;
        }

        JToken root;
        try
        {
            using var reader = new JsonTextReader(new StringReader(text))
            {
                DateParseHandling = DateParseHandling.None,
                FloatParseHandling = FloatParseHandling.Double,
                MaxDepth = MaxDepth + 1,
            };
            root = JToken.Load(reader, new JsonLoadSettings
            {
                LineInfoHandling = LineInfoHandling.Ignore, // positions come from the scanner's maps
                DuplicatePropertyNameHandling = DuplicatePropertyNameHandling.Error,
                CommentHandling = CommentHandling.Ignore,
            });
        }
        catch (JsonException ex)
        {
            // The strict scanner accepts a subset of what Json.NET reads, so this is not expected; report it anyway.
            diagnostics.Add(new Diagnostic(DiagnosticCode.JsonSyntax, Severity.Error, ex.Message, path));
            return null;
        }

        return new JsonSource(path, text, root);
    }

    /// <summary>
    /// A copy of this source in which pointers that start with <paramref name="prefix"/> (for example <c>base:</c>)
    /// designate values of <paramref name="other"/>: an overlay's merged method points into its base file this way.
    /// </summary>
    public JsonSource WithMount(string prefix, JsonSource other)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentNullException.ThrowIfNull(other);
        var copy = new JsonSource(Path, Text, Root, locations);
        foreach (var (k, v) in mounts)
        {
            copy.mounts[k] = v;
        }

        copy.mounts[prefix] = other;
        return copy;
    }

    /// <summary>The file a pointer designates and the pointer within it (mounted prefixes resolved).</summary>
    public (JsonSource Source, string Pointer) Resolve(string pointer)
    {
        ArgumentNullException.ThrowIfNull(pointer);
        foreach (var (prefix, other) in mounts)
        {
            if (pointer.StartsWith(prefix, StringComparison.Ordinal))
            {
                return other.Resolve(pointer[prefix.Length..]);
            }
        }

        return (this, pointer);
    }

    /// <summary>Where the value at <paramref name="pointer"/> starts; the nearest existing ancestor when it does not exist.</summary>
    public SourcePosition PositionOf(string pointer)
    {
        ArgumentNullException.ThrowIfNull(pointer);
        var (source, p) = Resolve(pointer);
        if (!ReferenceEquals(source, this))
        {
            return source.PositionOf(p);
        }

        while (true)
        {
            if (valueStarts.TryGetValue(p, out var offset))
            {
                return PositionOf(lineStarts, offset);
            }

            if (p.Length == 0)
            {
                return new SourcePosition(1, 1);
            }

            p = p[..p.LastIndexOf('/')];
        }
    }

    /// <summary>Where the property name of the member at <paramref name="pointer"/> starts (its value when it has no name).</summary>
    public SourcePosition KeyPositionOf(string pointer)
    {
        ArgumentNullException.ThrowIfNull(pointer);
        var (source, p) = Resolve(pointer);
        if (!ReferenceEquals(source, this))
        {
            return source.KeyPositionOf(p);
        }

        return keyStarts.TryGetValue(pointer, out var offset) ? PositionOf(lineStarts, offset) : PositionOf(pointer);
    }

    /// <summary>Whether a value exists at the pointer.</summary>
    public bool Contains(string pointer) => valueStarts.ContainsKey(pointer);

    /// <summary>
    /// Maps an index into the decoded string value at <paramref name="pointer"/> to its position in the file,
    /// accounting for escapes (<c>\"</c>, <c>\n</c>, <c>\uXXXX</c>).
    /// </summary>
    public SourcePosition PositionInString(string pointer, int decodedIndex)
    {
        ArgumentNullException.ThrowIfNull(pointer);
        var (source, p) = Resolve(pointer);
        if (!ReferenceEquals(source, this))
        {
            return source.PositionInString(p, decodedIndex);
        }

        if (!valueStarts.TryGetValue(pointer, out var start) || start >= Text.Length || Text[start] != '"')
        {
            return PositionOf(pointer);
        }

        var raw = start + 1;
        var decoded = 0;
        while (decoded < decodedIndex && raw < Text.Length && Text[raw] != '"')
        {
            raw += Text[raw] == '\\' ? (Text[raw + 1] == 'u' ? 6 : 2) : 1;
            decoded++;
        }

        return PositionOf(lineStarts, raw);
    }

    /// <summary>Builds a diagnostic located at the value behind a pointer.</summary>
    public Diagnostic At(string pointer, DiagnosticCode code, string message, Severity severity = Severity.Error)
    {
        var (source, p) = Resolve(pointer ?? string.Empty);
        var pos = source.PositionOf(p);
        return new Diagnostic(code, severity, message, source.Path, pos.Line, pos.Column, p);
    }

    /// <summary>Builds a diagnostic located at the property name of a member.</summary>
    public Diagnostic AtKey(string pointer, DiagnosticCode code, string message, Severity severity = Severity.Error)
    {
        var (source, p) = Resolve(pointer ?? string.Empty);
        var pos = source.KeyPositionOf(p);
        return new Diagnostic(code, severity, message, source.Path, pos.Line, pos.Column, p);
    }

    private static string Decode(byte[] bytes)
    {
        var strict = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        var offset = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        return strict.GetString(bytes, offset, bytes.Length - offset);
    }

    private static int[] ComputeLineStarts(string text)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                starts.Add(i + 1);
            }
        }

        return [.. starts];
    }

    private static SourcePosition PositionOf(int[] lineStarts, int offset)
    {
        var line = Array.BinarySearch(lineStarts, offset);
        if (line < 0)
        {
            line = ~line - 1;
        }

        return new SourcePosition(line + 1, offset - lineStarts[line] + 1);
    }

    /// <summary>
    /// A strict RFC 8259 scanner; with <c>record</c>, it also records where every value and member name starts (by
    /// JSON Pointer) and the pointer of the value it stopped in.
    /// </summary>
    private sealed class StrictJsonScanner(string text, bool record, InputMessages? messages = null)
    {
        private readonly InputMessages m = messages ?? InputMessages.English;

        private readonly Stack<string> pointers = new();
        private int pos;

        public Dictionary<string, int> ValueStarts { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, int> KeyStarts { get; } = new(StringComparer.Ordinal);

        /// <summary>Whether the error found is a property given twice (RSE1002).</summary>
        public bool DuplicateKey { get; private set; }

        public string CurrentPointer => pointers.Count == 0 ? string.Empty : pointers.Peek();

        public bool Scan(out string error, out int errorOffset)
        {
            try
            {
                SkipWhitespace();
                ScanValue(string.Empty, 0);
                SkipWhitespace();
                if (pos < text.Length)
                {
                    throw Fail(m.JsonTrailingText);
                }

                error = string.Empty;
                errorOffset = 0;
                return true;
            }
            catch (ScanException ex)
            {
                error = ex.Message;
                errorOffset = ex.Offset;
                return false;
            }
        }

        private void ScanValue(string pointer, int depth)
        {
            if (depth > MaxDepth)
            {
                throw Fail(m.JsonTooDeep(MaxDepth));
            }

            if (record)
            {
                pointers.Push(pointer);
                ValueStarts[pointer] = pos;
            }

            if (pos >= text.Length)
            {
                throw Fail(m.JsonUnexpectedEnd);
            }

            switch (text[pos])
            {
                case '{':
                    ScanObject(pointer, depth);
                    break;
                case '[':
                    ScanArray(pointer, depth);
                    break;
                case '"':
                    ScanString(keep: false);
                    break;
                case 't':
                    Expect("true");
                    break;
                case 'f':
                    Expect("false");
                    break;
                case 'n':
                    Expect("null");
                    break;
                default:
                    ScanNumber();
                    break;
            }

            if (record)
            {
                pointers.Pop();
            }
        }

        private void ScanObject(string pointer, int depth)
        {
            pos++;
            SkipWhitespace();
            var names = new HashSet<string>(StringComparer.Ordinal);
            if (Peek() == '}')
            {
                pos++;
                return;
            }

            while (true)
            {
                SkipWhitespace();
                if (Peek() != '"')
                {
                    throw Fail(m.JsonPropertyNameExpected);
                }

                var keyStart = pos;
                if (names.Count == MaxObjectMembers)
                {
                    throw Fail(m.JsonTooManyMembers(MaxObjectMembers));
                }

                var name = ScanString(keep: true)!;
                var member = record ? JsonPointer.Append(pointer, name) : pointer;
                if (!names.Add(name))
                {
                    pos = keyStart;
                    DuplicateKey = true;
                    throw Fail(m.JsonDuplicateProperty(name));
                }

                if (record)
                {
                    KeyStarts[member] = keyStart;
                }

                SkipWhitespace();
                if (Peek() != ':')
                {
                    throw Fail(m.JsonColonExpected);
                }

                pos++;
                SkipWhitespace();
                ScanValue(member, depth + 1);
                SkipWhitespace();
                var c = Peek();
                pos++;
                if (c == '}')
                {
                    return;
                }

                if (c != ',')
                {
                    pos--;
                    throw Fail(m.JsonCommaOrBraceExpected);
                }
            }
        }

        private void ScanArray(string pointer, int depth)
        {
            pos++;
            SkipWhitespace();
            if (Peek() == ']')
            {
                pos++;
                return;
            }

            var index = 0;
            while (true)
            {
                SkipWhitespace();
                if (index == MaxArrayLength)
                {
                    throw Fail(m.JsonTooManyElements(MaxArrayLength));
                }

                ScanValue(record ? JsonPointer.Append(pointer, index) : pointer, depth + 1);
                index++;
                SkipWhitespace();
                var c = Peek();
                pos++;
                if (c == ']')
                {
                    return;
                }

                if (c != ',')
                {
                    pos--;
                    throw Fail(m.JsonCommaOrBracketExpected);
                }
            }
        }

        /// <summary>Scans a string; returns its decoded value when <paramref name="keep"/> (a member name), else null.</summary>
        private string? ScanString(bool keep)
        {
            pos++;
            var start = pos;
            StringBuilder? sb = null; // made at the first escape of a kept string; until then the value is a slice of the text
            var length = 0;
            while (true)
            {
                if (pos >= text.Length)
                {
                    throw Fail(m.JsonUnterminatedString);
                }

                var c = text[pos];
                if (c == '"')
                {
                    pos++;
                    return !keep ? null : sb is null ? text.Substring(start, pos - 1 - start) : sb.ToString();
                }

                if (length == MaxStringLength)
                {
                    throw Fail(m.JsonStringTooLong(MaxStringLength));
                }

                if (c < 0x20)
                {
                    throw Fail(m.JsonControlCharacter);
                }

                if (c == '\\')
                {
                    if (pos + 1 >= text.Length)
                    {
                        throw Fail(m.JsonUnterminatedString);
                    }

                    if (keep && sb is null)
                    {
                        sb = new StringBuilder().Append(text, start, pos - start);
                    }

                    var e = text[pos + 1];
                    char decoded;
                    switch (e)
                    {
                        case '"': decoded = '"'; break;
                        case '\\': decoded = '\\'; break;
                        case '/': decoded = '/'; break;
                        case 'b': decoded = '\b'; break;
                        case 'f': decoded = '\f'; break;
                        case 'n': decoded = '\n'; break;
                        case 'r': decoded = '\r'; break;
                        case 't': decoded = '\t'; break;
                        case 'u':
                            if (pos + 6 > text.Length || !int.TryParse(text.AsSpan(pos + 2, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code))
                            {
                                throw Fail(m.JsonInvalidUnicodeEscape);
                            }

                            decoded = (char)code;
                            pos += 4;
                            break;
                        default:
                            throw Fail(m.JsonInvalidEscape(e));
                    }

                    sb?.Append(decoded);
                    length++;
                    pos += 2;
                    continue;
                }

                sb?.Append(c);
                length++;
                pos++;
            }
        }

        private void ScanNumber()
        {
            var start = pos;
            if (Peek() == '-')
            {
                pos++;
            }

            if (Peek() == '0')
            {
                pos++;
            }
            else if (Peek() is >= '1' and <= '9')
            {
                while (Peek() is >= '0' and <= '9')
                {
                    pos++;
                }
            }
            else
            {
                pos = start;
                throw Fail(m.JsonValueExpected);
            }

            if (Peek() == '.')
            {
                pos++;
                if (Peek() is not (>= '0' and <= '9'))
                {
                    throw Fail(m.JsonDigitAfterPoint);
                }

                while (Peek() is >= '0' and <= '9')
                {
                    pos++;
                }
            }

            if (Peek() is 'e' or 'E')
            {
                pos++;
                if (Peek() is '+' or '-')
                {
                    pos++;
                }

                if (Peek() is not (>= '0' and <= '9'))
                {
                    throw Fail(m.JsonDigitInExponent);
                }

                while (Peek() is >= '0' and <= '9')
                {
                    pos++;
                }
            }

            var literal = text.AsSpan(start, pos - start);
            var value = double.Parse(literal, NumberStyles.Float, CultureInfo.InvariantCulture);
            if (double.IsInfinity(value))
            {
                var end = pos;
                pos = start;
                throw Fail(m.JsonNumberOutOfRange(text[start..end]));
            }

            // Json.NET reads an integer beyond 64 bits as a BigInteger, which nothing downstream converts (the schema
            // validator and every Value<long>/Value<double> threw InvalidCastException): reject it here, located.
            if (literal.IndexOfAny('.', 'e', 'E') < 0 && !long.TryParse(literal, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
            {
                var end = pos;
                pos = start;
                throw Fail(m.JsonIntegerOutOfRange(text[start..end]));
            }
        }

        private void Expect(string word)
        {
            if (string.CompareOrdinal(text, pos, word, 0, word.Length) != 0)
            {
                throw Fail(m.JsonValueExpected);
            }

            pos += word.Length;
        }

        private char Peek() => pos < text.Length ? text[pos] : '\0';

        private void SkipWhitespace()
        {
            while (pos < text.Length && text[pos] is ' ' or '\t' or '\n' or '\r')
            {
                pos++;
            }
        }

        private ScanException Fail(string message) => new(message, Math.Min(pos, text.Length));
    }

    private sealed class ScanException(string message, int offset) : Exception(message)
    {
        public int Offset { get; } = offset;
    }
}
