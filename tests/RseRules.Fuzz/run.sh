#!/usr/bin/env bash
# Fuzzes one target of the engine with AFL++ through SharpFuzz, for a given time, then prints the statistics and
# replays every crash found.
#
#   tests/RseRules.Fuzz/run.sh <loader|inputs|template> <seconds>
#
# loader: bytes -> JsonSource.Parse -> MethodLoader.Load (JSON, method schema, semantics, overlays; no compilation),
#         then, for a method that loads, its input schema generated and an empty document validated
# inputs: bytes -> JsonSource.Parse -> InputValidator.Validate against rse-value@1.0.0
# template: bytes -> a Scriban template rendered by ReportRenderer as the main template of templates/white-paper (HTML
#         and Markdown, escaping by default, 2 s / 1 M characters / 256 MiB limits) on the norm's example record
#
# Installs what it needs (Debian's afl++ when run as root, the SharpFuzz.CommandLine dotnet tool under
# tests/RseRules.Fuzz/.tools), builds the harness in Release into the work folder, instruments RseRules.Core.dll there
# (the normal build is left alone), seeds the corpus from the JSON files of methods/ and tests/, and runs afl-fuzz.
# Work folder: $RSE_FUZZ_WORK, default tests/RseRules.Fuzz/out/<target> (findings/default/{crashes,hangs,queue}).
# A crash is any exception that escapes the target; every one becomes a regression file under
# tests/RseRules.Core.Tests/TestData/regressions (methods/ for the loader, inputs/rse-value/ for the validator).
set -euo pipefail

usage() { echo "usage: $0 <loader|inputs|template> <seconds>" >&2; exit 2; }
[ $# -eq 2 ] || usage
target=$1
seconds=$2
case "$target" in loader|inputs|template) ;; *) usage ;; esac
case "$seconds" in ''|*[!0-9]*) usage ;; esac

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=${RSE_FUZZ_WORK:-$here/out/$target}
tools=$here/.tools
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# 1. Tools: AFL++ (Debian package) and the SharpFuzz instrumenter (a dotnet tool from NuGet).
if ! command -v afl-fuzz >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq afl++) >/dev/null
  else
    echo "afl-fuzz not found: install AFL++ (sudo apt-get install -y afl++)." >&2
    exit 1
  fi
fi
if [ ! -x "$tools/sharpfuzz" ]; then
  dotnet tool install --tool-path "$tools" SharpFuzz.CommandLine --version 2.3.0 >/dev/null
fi

# 2. The harness, built into the work folder, with the engine's assembly instrumented for AFL's coverage; a plain copy
#    replays crashes (instrumented code only runs inside Fuzzer.Run, where the coverage map exists).
rm -rf "$work/bin" "$work/bin-plain"
mkdir -p "$work"
dotnet build "$here/RseRules.Fuzz.csproj" -c Release -o "$work/bin-plain" -nologo -v quiet >/dev/null
cp -r "$work/bin-plain" "$work/bin"
"$tools/sharpfuzz" "$work/bin/RseRules.Core.dll"
if [ "$target" = template ]; then
  # The renderer and the template engine it drives (a strong-named assembly: .NET does not check the signature).
  "$tools/sharpfuzz" "$work/bin/RseRules.Reporting.dll"
  "$tools/sharpfuzz" "$work/bin/Scriban.Signed.dll"
fi

# 3. The corpus: method files for the loader, input documents for the validator; small files only (AFL mutates faster).
corpus=$work/corpus
rm -rf "$corpus"
mkdir -p "$corpus"
dict=$here/json.dict
if [ "$target" = template ]; then
  # The shipped templates, and the hostile ones of the renderer's tests.
  seeds=$(find "$root/templates" "$here/seeds/templates" -name '*.sbn')
  dict=$here/scriban.dict
elif [ "$target" = loader ]; then
  seeds=$(find "$root/methods" "$root/tests/methods" "$root/tests/adversarial" "$root/tests/RseRules.Cli.Tests/TestData/broken" \
    "$root/tests/RseRules.Core.Tests/TestData" -name '*.json' -not -path '*/bin/*' -not -path '*/obj/*' \
    \( -name 'method.json' -o -path '*/adversarial/*' -o -path '*/regressions/methods/*' \))
else
  seeds=$(find "$root/methods/rse-value" "$root/tests/RseRules.Cli.Tests/TestData/inputs" "$root/tests/RseRules.Core.Tests/TestData/regressions/inputs" \
    -name '*.json' -not -name 'method.json' -not -path '*/bin/*' -not -path '*/obj/*')
fi
i=0
for f in $seeds; do
  if [ "$(stat -c %s "$f")" -le 65536 ]; then
    cp "$f" "$corpus/seed-$i.${f##*.}"
    i=$((i + 1))
  fi
done
echo "corpus: $i seed file(s) in $corpus"

# 4. AFL++: the harness runs out-of-process (SharpFuzz), so a crash or a stack overflow restarts it without losing the run;
#    json.dict gives AFL the JSON punctuation, odd numbers and the member names of methods and input documents; -D runs
#    the deterministic stages (single flips, arithmetic, each dictionary token at each offset), which keep a valid
#    document valid but for one change: havoc alone, stacking many byte changes, almost never gets past the JSON
#    syntax (checked on the engine before the 64-bit integer fix, from a seed one digit away from the overflow:
#    havoc alone missed the crash for 90 s, -D found it in 3 s).
findings=$work/findings
rm -rf "$findings"
export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1 AFL_MAP_SIZE=65536
echo "fuzzing '$target' for $seconds s..."
set +e
afl-fuzz -D -i "$corpus" -o "$findings" -x "$dict" -t 10000 -m none -V "$seconds" -- dotnet "$work/bin/RseRules.Fuzz.dll" "$target" --root "$root" \
  >"$work/afl.log" 2>&1
status=$?
set -e

# 5. Statistics, then each crash replayed in-process with its exception.
stats=$findings/default/fuzzer_stats
if [ ! -f "$stats" ]; then
  echo "afl-fuzz did not start (exit $status); its output:" >&2
  tail -n 40 "$work/afl.log" >&2
  exit 1
fi
field() { grep -E "^$1 " "$stats" | sed 's/.*: *//'; }
crashes=$(field saved_crashes || field unique_crashes)
echo "target:        $target"
echo "run time:      $(field run_time) s"
echo "execs:         $(field execs_done) ($(field execs_per_sec)/s)"
echo "paths:         $(field corpus_count || field paths_total) (corpus), $(field corpus_found || field paths_found) found by fuzzing"
echo "coverage:      $(field bitmap_cvg)"
echo "crashes:       $crashes"
echo "hangs:         $(field saved_hangs || field unique_hangs)"
if [ "${crashes:-0}" != 0 ]; then
  echo "crashes (replayed in-process):"
  dotnet "$work/bin-plain/RseRules.Fuzz.dll" repro "$target" "$findings/default/crashes" --root "$root" | grep -v '^ok ' || true
  exit 1
fi
