#!/bin/sh
# Compiles the probe runtime, the stage and every probe. Called by the Maven build (compile
# phase) with the output folder; the probes and their sources are packed into the jar.
set -e
out=${1:?usage: build-probes.sh OUTPUT_DIR}
here=$(cd "$(dirname "$0")" && pwd)
CC=${CC:-cc}
if ! command -v "$CC" >/dev/null 2>&1; then
  echo "ProcStage: no C compiler ('$CC') found - install one (Debian/Ubuntu: sudo apt-get install gcc; Fedora: sudo dnf install gcc)" >&2
  exit 1
fi
mkdir -p "$out/bin" "$out/src"
CFLAGS="-std=gnu11 -O2 -g -Wall -Wextra -Wno-unused-parameter -pthread -I$here/runtime"
rebuild() { # target sources...
  t=$1; shift
  for s in "$@" "$here/runtime/procstage.h"; do
    [ "$s" -nt "$t" ] && return 0
  done
  [ -e "$t" ] || return 0
  return 1
}
runtime="$here/runtime/procstage.c"
if rebuild "$out/bin/procstage-stage" "$here/stage/procstage-stage.c" "$runtime"; then
  $CC $CFLAGS -o "$out/bin/procstage-stage" "$here/stage/procstage-stage.c" "$runtime"
fi
for src in "$here"/probes/*.c "$here"/tools/*.c; do
  [ -e "$src" ] || continue
  name=$(basename "$src" .c)
  if rebuild "$out/bin/$name" "$src" "$runtime"; then
    $CC $CFLAGS -o "$out/bin/$name" "$src" "$runtime" -lrt
  fi
  case "$src" in */probes/*) cp "$src" "$out/src/$name.c" ;; esac
done
cp "$here/runtime/procstage.h" "$out/src/procstage.h"
ls "$out/bin" > "$out/index.txt"
