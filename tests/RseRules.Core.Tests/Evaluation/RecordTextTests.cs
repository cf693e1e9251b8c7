using RseRules.Core.Evaluation;
using RseRules.Core.Json;
using RseRules.Core.Tests.Support;

namespace RseRules.Core.Tests.Evaluation;

/// <summary>
/// <see cref="EvaluationRecord.Text"/> writes the record's canonical text without building its tree: it must be the very
/// text of the tree (<c>CanonicalJson.Write(Build(…))</c>), hash included, for every method and document shipped —
/// overlays (extends, deviations), maps, series, records, findings with and without an item, nulls.
/// </summary>
public sealed class RecordTextTests
{
    public static TheoryData<string, string> Documents()
    {
        var data = new TheoryData<string, string>();
        void Add(string method, string folder)
        {
            foreach (var file in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
            {
                data.Add(method, Path.GetRelativePath(Repo.Root, file));
            }
        }

        Add("methods/rse-value/1.0.0", Path.Combine(Repo.Root, "methods", "rse-value", "1.0.0", "examples"));
        Add("methods/rse-value/1.1.0", Path.Combine(Repo.Root, "methods", "rse-value", "1.1.0", "examples"));
        Add("methods/valmont-rse/1.0.0", Path.Combine(Repo.Root, "methods", "valmont-rse", "1.0.0", "examples"));
        Add("tests/methods/loan-vs-lease/1.0.0", Path.Combine(Repo.Root, "tests", "methods", "loan-vs-lease", "1.0.0", "examples"));
        foreach (var file in Directory.GetFiles(Path.Combine(Repo.Root, "tests", "reference", "cases"), "*.input.json").Order(StringComparer.Ordinal))
        {
            data.Add("methods/rse-value/1.0.0", Path.GetRelativePath(Repo.Root, file));
        }

        data.Add(Path.GetRelativePath(Repo.Root, Path.GetDirectoryName(AllTypesFixture.MethodPath)!), Path.GetRelativePath(Repo.Root, AllTypesFixture.InputsPath));
        return data;
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void Text_EveryShippedDocument_IsTheCanonicalTextOfTheRecordTree(string method, string document)
    {
        using var compiled = Engine.LoadAndCompile(Path.Combine(Repo.Root, method)).Method.ShouldNotBeNull();
        var result = Engine.Evaluate(compiled, Path.Combine(Repo.Root, document)).Result.ShouldNotBeNull();

        var text = EvaluationRecord.Text(result);

        text.ShouldBe(CanonicalJson.Write(EvaluationRecord.Build(result)));
    }
}

/// <summary>
/// <see cref="RecordText"/>: the UTF-8 bytes it writes are those of its string, whatever the builder's chunks (a
/// surrogate pair or an accented letter split between two chunks, the hash member spliced at a chunk's edge).
/// </summary>
public sealed class RecordTextBufferTests
{
    [Fact]
    public void WriteTo_EveryShippedDocument_WritesTheUtf8OfTheTextWithItsLength()
    {
        foreach (var row in RecordTextTests.Documents())
        {
            var (method, document) = ((string)row[0], (string)row[1]);
            using var compiled = Engine.LoadAndCompile(Path.Combine(Repo.Root, method)).Method.ShouldNotBeNull();
            var result = Engine.Evaluate(compiled, Path.Combine(Repo.Root, document)).Result.ShouldNotBeNull();
            var expected = System.Text.Encoding.UTF8.GetBytes(CanonicalJson.Write(EvaluationRecord.Build(result)));
            var buffer = new System.Buffers.ArrayBufferWriter<byte>();

            using (var text = EvaluationRecord.WriteText(result))
            {
                text.Utf8Length.ShouldBe(expected.Length, document);
                text.WriteTo(buffer);
            }

            buffer.WrittenSpan.ToArray().ShouldBe(expected, document);
        }
    }

    [Fact]
    public void WriteTo_CharactersSplitBetweenChunks_EncodesThemWhole()
    {
        const string piece = "a😀é\"\u4e2d";
        for (var capacity = 1; capacity < 24; capacity++)
        {
            for (var at = 1; at < 40; at += 3)
            {
                var sb = new System.Text.StringBuilder(capacity);
                for (var i = 0; i < 12; i++)
                {
                    sb.Append(piece); // grows chunk by chunk: boundaries fall inside pairs for some capacities
                }

                var returned = false;
                using var text = new RecordText(sb, at, "ab12", _ => returned = true);
                var expected = System.Text.Encoding.UTF8.GetBytes(text.ToString());
                var buffer = new System.Buffers.ArrayBufferWriter<byte>();

                text.WriteTo(buffer);

                buffer.WrittenSpan.ToArray().ShouldBe(expected, $"capacity {capacity}, member at {at}");
                text.Utf8Length.ShouldBe(expected.Length);
                text.ToString().ShouldContain(",\"recordSha256\":\"ab12\"");
                text.ToString().Length.ShouldBe(text.Length);
                text.Dispose();
                returned.ShouldBeTrue();
            }
        }
    }

    [Fact]
    public void WriteText_TwoRecordsOneAfterTheOther_DoNotShareText()
    {
        using var compiled = Engine.LoadAndCompile(Path.Combine(Repo.Root, "tests", "methods", "loan-vs-lease", "1.0.0")).Method.ShouldNotBeNull();
        var examples = Directory.GetFiles(Path.Combine(Repo.Root, "tests", "methods", "loan-vs-lease", "1.0.0", "examples"), "*.json").Order(StringComparer.Ordinal).ToArray();
        examples.Length.ShouldBeGreaterThan(1);
        var first = Engine.Evaluate(compiled, examples[0]).Result.ShouldNotBeNull();
        var second = Engine.Evaluate(compiled, examples[1]).Result.ShouldNotBeNull();

        string one;
        using (var text = EvaluationRecord.WriteText(first))
        {
            one = text.ToString();
        }

        using var other = EvaluationRecord.WriteText(second);
        other.ToString().ShouldBe(CanonicalJson.Write(EvaluationRecord.Build(second)));
        one.ShouldBe(CanonicalJson.Write(EvaluationRecord.Build(first)));
        other.Dispose();
        Should.Throw<ObjectDisposedException>(() => other.ToString());
    }
}
