#!/usr/bin/env bash
# Rehearses the GPU run (gpu-run.sh) end to end on this CPU at a tiny scale, the way the device
# runs it, so that the real run cannot fail on a path, a flag or a file it forgot:
#  - a pack of 300 train, 300 dev and 300 CK+ faces, made by pack.py like the real one;
#  - the working tree copied as the device copies it (tracked files and untracked ones git does
#    not ignore; ignored paths only as carried: .out/gpu), into a folder with no ../shared beside it;
#  - the same command the device gets, `bash tools/train/gpu-run.sh`, with --tiny --device cpu
#    (one epoch a phase; bf16 autocast as on the GPU) and OUT set;
#  - what came back checked against the device's limits (at most 8 files, 16 MiB each), the
#    exported student loaded and scored by the extension's own model code (`npm run eval
#    --model-dir`), and the real pack's size against the 64 MiB carry limit when it exists.
# About 2 minutes on a 2-core machine.
#
#   bash tools/train/gpu-rehearse.sh            (KEEP=1 keeps the work folder)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT="$(pwd)"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/mooddj-gpu-rehearse.XXXXXX")"
[ "${KEEP:-}" = 1 ] || trap 'rm -rf "$WORK"' EXIT
PY=/usr/bin/python3
command -v "$PY" > /dev/null || PY=python3
fail() {
  echo "gpu-rehearse: FAILED: $*" >&2
  exit 1
}

echo "== tiny pack"
nice -n 10 "$PY" tools/train/pack.py --limit 300 --out "$WORK/tree/.out/gpu/fer-pack.xz"

echo "== the working tree, as the device gets it"
git ls-files -z --cached --others --exclude-standard | tar --null --ignore-failed-read -T - -cf - 2> /dev/null | tar -xf - -C "$WORK/tree"
[ ! -e "$WORK/shared" ] || fail "$WORK/shared exists: the copy must not see shared data"

echo "== the device's command"
(cd "$WORK/tree" && OUT="$WORK/out" nice -n 10 bash tools/train/gpu-run.sh --tiny --device cpu --amp bf16)

echo "== what comes back"
files=$(find "$WORK/out" -type f | wc -l)
[ "$files" -le 8 ] || fail "$files files in OUT; the device brings back 8"
for f in run.log summary.json training-log.csv teacher-probs.npz student.pt model.json weights.bin; do
  [ -f "$WORK/out/$f" ] || fail "no $f in OUT"
done
find "$WORK/out" -type f -size +16M | grep . && fail "files over 16 MiB in OUT"
"$PY" -c "import json, sys; s = json.load(open(sys.argv[1])); sys.exit('error in summary: ' + s['error'] if 'error' in s else 0)" "$WORK/out/summary.json"
ls -l "$WORK/out"

echo "== the exported student in the extension's model code"
if [ -d ../shared/fer2013/dev ]; then
  npx tsx tools/eval.ts --data ../shared/fer2013/dev --limit 140 --model-dir "$WORK/out" | head -4
else
  echo "(../shared/fer2013/dev absent: skipped)"
fi

if [ -f .out/gpu/fer-pack.xz ]; then
  size=$(stat -c %s .out/gpu/fer-pack.xz)
  [ "$size" -le $((60 * 1024 * 1024)) ] || fail ".out/gpu/fer-pack.xz is $size bytes: over 60 MiB, too close to the 64 MiB carry limit"
  echo "== the real pack: $((size / 1024 / 1024)) MiB of the 64 MiB carry limit"
else
  echo "== no real pack yet: make it with $PY tools/train/pack.py --out .out/gpu/fer-pack.xz"
fi
echo "gpu-rehearse: OK"
