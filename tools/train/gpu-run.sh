#!/usr/bin/env bash
# The one command for a lent GPU machine (tools/train/README.md, "A GPU run"): teachers, the
# distilled student, its export and figures, in ~7 minutes, into $OUT.
#
# Here, once:   /usr/bin/python3 tools/train/pack.py --out .out/gpu/fer-pack.xz     (48.6 MiB)
# On the device (the run tool: working tree copied, .out/gpu carried, $OUT comes back):
#               bash tools/train/gpu-run.sh                 carry [".out/gpu"], timeout_s 580
# Rehearsed on this CPU by tools/train/gpu-rehearse.sh, which runs this very file.
#
# Extra arguments go to gpu_train.py (e.g. --tiny --device cpu for the rehearsal).
set -euo pipefail
cd "$(dirname "$0")/../.."

: "${OUT:?OUT must name the folder whose files come back}"
PACK="${PACK:-.out/gpu/fer-pack.xz}"
mkdir -p "$OUT"
run() {
  if [ ! -f "$PACK" ]; then
    echo "no data pack at $PACK: make it with tools/train/pack.py and carry .out/gpu" >&2
    exit 3
  fi

  # The first Python that has torch and numpy: the device's own, or Debian's here.
  PY=""
  for candidate in ${PYTHON:-} python3 /usr/bin/python3 python; do
    if command -v "$candidate" > /dev/null && "$candidate" -c 'import torch, numpy' 2> /dev/null; then
      PY="$candidate"
      break
    fi
  done
  if [ -z "$PY" ]; then
    echo "no Python with torch and numpy found" >&2
    exit 3
  fi

  echo "gpu-run: $(date -u +%FT%TZ), commit $(git rev-parse --short HEAD 2> /dev/null || echo unknown), $PY $("$PY" --version 2>&1)"
  command -v nvidia-smi > /dev/null && nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader || true
  "$PY" -u tools/train/gpu_train.py --pack "$PACK" --out "$OUT" "$@"
}

# Everything also into $OUT/run.log; the exit status is the run's (pipefail).
run "$@" 2>&1 | tee "$OUT/run.log"
