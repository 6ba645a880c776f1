#!/usr/bin/env bash
# Fuzzes every parser of outside input with libFuzzer (issue 11).
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]      default: 25 s each, every target
#
# Targets: otpauth push-uri walkthrough document policy time keys (Tests/Fuzz/FuzzMain.swift).
# The library targets are built with -sanitize=fuzzer into .build-fuzz (SwiftPM cannot
# link a fuzz executable itself: its main clashes with libFuzzer's), then the entry point
# is compiled with swiftc and linked against their objects. Each target starts from its
# seed corpus in Tests/Fuzz/corpus/TARGET; new inputs go to a scratch folder, so the
# repository's corpus changes only by hand. A crash, a trap, a leak or a timeout fails
# the run (exit 1) and leaves the input in .build-fuzz/crashes/TARGET.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-25}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then targets=(otpauth push-uri walkthrough document policy time keys); fi

build=.build-fuzz
mkdir -p "$build"
if ! swift build --build-path "$build" -j "${FUZZ_JOBS:-2}" -Xswiftc -sanitize=fuzzer --target Walkthrough \
    >"$build/build.log" 2>&1; then
    grep -E "error" "$build/build.log" | head -20
    echo "fuzz: building the instrumented libraries failed (log: $build/build.log)"
    exit 1
fi
bin=$(cd "$build/debug" && pwd -P)

# Every object of Walkthrough and what it depends on (nothing else was built). A Swift
# module's objects are the ones its output file map names: an object left by a source
# file since removed (an incremental build never deletes it) would be linked twice over.
objects=()
while IFS= read -r -d '' object; do objects+=("$object"); done < <(python3 - "$bin" <<'EOF_PY'
import json, os, sys
root = sys.argv[1]
for entry in sorted(os.listdir(root)):
    folder = os.path.join(root, entry)
    if not entry.endswith(".build") or not os.path.isdir(folder):
        continue
    mapping = os.path.join(folder, "output-file-map.json")
    if os.path.exists(mapping):
        with open(mapping) as handle:
            paths = [item.get("object") for item in json.load(handle).values()]
        found = [path for path in paths if path and os.path.exists(path)]
    else:
        found = [os.path.join(base, name) for base, _, names in os.walk(folder)
                 for name in names if name.endswith(".o")]
    for path in sorted(found):
        sys.stdout.write(path + "\0")
EOF_PY
)
# The C modules swift-crypto's Swift modules import.
modulemaps=()
while IFS= read -r -d '' map; do
    modulemaps+=(-Xcc "-fmodule-map-file=$map" -Xcc "-I$(dirname "$map")")
done < <(find "$build/checkouts/swift-crypto/Sources" -path '*/include/module.modulemap' -print0)

driver="$build/keepsafe-fuzz"
# The walkthrough runner lays out what the terminal shows (TerminalUI), which links ncurses.
ncurses=(-Xcc "-fmodule-map-file=$PWD/Sources/CNcursesw/module.modulemap" -I "$PWD/Sources/CNcursesw" -lncursesw)
swiftc -sanitize=fuzzer -parse-as-library -g -I "$bin/Modules" "${modulemaps[@]}" "${ncurses[@]}" \
    Tests/Fuzz/FuzzMain.swift "${objects[@]}" -lstdc++ -o "$driver"

status=0
for target in "${targets[@]}"; do
    corpus="Tests/Fuzz/corpus/$target"
    scratch="$build/corpus/$target"
    crashes="$build/crashes/$target"
    mkdir -p "$scratch" "$crashes"
    echo "fuzz $target: ${seconds}s from $(find "$corpus" -type f | wc -l) seeds"
    # SWIFT_BACKTRACE off: libFuzzer, not the Swift runtime, must see a trap to keep its input.
    if ! SWIFT_BACKTRACE=enable=no KEEPSAFE_FUZZ_TARGET="$target" "$driver" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -max_len=4096 -print_final_stats=0 -artifact_prefix="$crashes/" "$scratch" "$corpus" \
        >"$build/fuzz-$target.log" 2>&1; then
        echo "fuzz $target: FAILED (input in $crashes; log $build/fuzz-$target.log)"
        grep -E "ERROR|Fatal|panic|error|SUMMARY" "$build/fuzz-$target.log" | head -5 || true
        status=1
    else
        grep -E "^#[0-9]+.*DONE" "$build/fuzz-$target.log" | tail -1 || tail -1 "$build/fuzz-$target.log"
    fi
done
exit $status
