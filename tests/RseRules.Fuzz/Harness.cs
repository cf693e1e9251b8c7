using System.Diagnostics;
using System.Globalization;

namespace RseRules.Fuzz;

/// <summary>The modes that run without AFL: replaying files, and a plain in-process random fuzzer.</summary>
internal static class Harness
{
    /// <summary>Runs each file through the target; prints the exception of each that crashes. Exit 1 when any did.</summary>
    public static int Repro(Action<byte[]> target, IEnumerable<string> files)
    {
        var crashed = 0;
        foreach (var file in files.SelectMany(f => Directory.Exists(f) ? Directory.GetFiles(f) : [f]).Order(StringComparer.Ordinal))
        {
            if (Run(target, File.ReadAllBytes(file)) is { } ex)
            {
                crashed++;
                Console.WriteLine($"CRASH {file}: {ex}");
            }
            else
            {
                Console.WriteLine($"ok    {file}");
            }
        }

        return crashed == 0 ? 0 : 1;
    }

    /// <summary>
    /// Mutates the corpus files at random (bit flips, byte inserts and deletions, JSON tokens, splices of two files) for a
    /// while, without coverage feedback; writes each input that crashes to <c>&lt;corpus&gt;/../random-crashes</c>.
    /// </summary>
    public static int Random(Action<byte[]> target, TimeSpan duration, string corpusDir)
    {
        var corpus = Directory.GetFiles(corpusDir).Select(File.ReadAllBytes).Where(b => b.Length > 0).ToList();
        if (corpus.Count == 0)
        {
            Console.Error.WriteLine($"No file in {corpusDir}.");
            return 2;
        }

        var crashDir = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(corpusDir))!, "random-crashes");
        var random = new Random(12345);
        var clock = Stopwatch.StartNew();
        long execs = 0;
        var crashes = 0;
        while (clock.Elapsed < duration)
        {
            var input = Mutate(random, corpus);
            execs++;
            if (Run(target, input) is { } ex)
            {
                crashes++;
                Directory.CreateDirectory(crashDir);
                var file = Path.Combine(crashDir, $"crash-{crashes:D4}.json");
                File.WriteAllBytes(file, input);
                Console.WriteLine($"CRASH {file}: {ex.GetType().Name}: {ex.Message}");
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"random: {execs} execs in {clock.Elapsed.TotalSeconds:F0} s ({execs / clock.Elapsed.TotalSeconds:F0}/s), {crashes} crash(es)"));
        return crashes == 0 ? 0 : 1;
    }

    private static readonly string[] Tokens = ["{", "}", "[", "]", ",", ":", "\"", "null", "true", "-1", "1e308", "99999999999999999999", "0.5", "\\u0000", "\"\"", "{}", "[]"];

    private static byte[] Mutate(Random random, List<byte[]> corpus)
    {
        var data = corpus[random.Next(corpus.Count)].ToList();
        for (var n = 1 + random.Next(4); n > 0; n--)
        {
            var at = random.Next(data.Count + 1);
            switch (random.Next(6))
            {
                case 0 when data.Count > 0:
                    var flip = Math.Min(at, data.Count - 1);
                    data[flip] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    data.Insert(at, (byte)random.Next(256));
                    break;
                case 2 when data.Count > 0:
                    data.RemoveRange(Math.Min(at, data.Count - 1), Math.Min(1 + random.Next(16), data.Count - Math.Min(at, data.Count - 1)));
                    break;
                case 3:
                    data.InsertRange(at, System.Text.Encoding.UTF8.GetBytes(Tokens[random.Next(Tokens.Length)]));
                    break;
                case 4:
                    var other = corpus[random.Next(corpus.Count)];
                    var from = random.Next(other.Length);
                    data.InsertRange(at, other.Skip(from).Take(1 + random.Next(64)));
                    break;
                default:
                    data.RemoveRange(at, data.Count - at);
                    break;
            }
        }

        return [.. data];
    }

#pragma warning disable CA1031 // Any exception that escapes a target is the finding being looked for.
    private static Exception? Run(Action<byte[]> target, byte[] input)
    {
        try
        {
            target(input);
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }
#pragma warning restore CA1031
}
