using RseRules.Fuzz;
using SharpFuzz;

// rse-fuzz <target> [--root <repo>]              run under afl-fuzz (SharpFuzz out-of-process mode): one input per run on stdin
// rse-fuzz repro <target> <file>… [--root <repo>]  run files in-process, print every exception; exit 1 when one crashes
// rse-fuzz random <target> <seconds> <corpus-dir> [--root <repo>]  a plain in-process random fuzzer (no AFL), for a quick check
var rest = args.ToList();
var root = FindRoot(rest);
if (rest.Count == 0)
{
    Console.Error.WriteLine("usage: rse-fuzz <loader|inputs> | repro <target> <file>… | random <target> <seconds> <corpus-dir>  [--root <repo>]");
    return 2;
}

var targets = new FuzzTargets(root);
switch (rest[0])
{
    case "repro" when rest.Count >= 3:
        return Harness.Repro(targets.Get(rest[1]), rest.Skip(2));
    case "random" when rest.Count == 4:
        return Harness.Random(targets.Get(rest[1]), TimeSpan.FromSeconds(int.Parse(rest[2], System.Globalization.CultureInfo.InvariantCulture)), rest[3]);
    default:
        var target = targets.Get(rest[0]);
        Fuzzer.OutOfProcess.Run(stream =>
        {
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            target(memory.ToArray());
        });
        return 0;
}

static string FindRoot(List<string> args)
{
    var i = args.IndexOf("--root");
    if (i >= 0 && i + 1 < args.Count)
    {
        var given = args[i + 1];
        args.RemoveRange(i, 2);
        return Path.GetFullPath(given);
    }

    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "RseRules.sln")))
        {
            return dir.FullName;
        }
    }

    throw new InvalidOperationException("No RseRules.sln above the harness: pass --root <repo>.");
}
