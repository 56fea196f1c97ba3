#!/usr/bin/env bash
# Layer unpack: hull's LayerUnpacker vs GNU tar on the same gzipped tar.
#
#   bench/unpack.sh [-r RUNS] [--no-build]     # root; default 3 runs
#
# Makes a tar of a few hundred MB of /usr/share (docs, man pages, locales, icons,
# vim, i18n: many small files, some large), gzips it, then per run unpacks it with
#   tar:  tar -xzf LAYER -C DIR
#   hull: java -cp ... dev.hull.image.layer.UnpackMain LAYER DIR
# into fresh directories on the same file system, and prints each time, the
# medians and the ratio hull/tar. hull's time includes JVM start-up and the two
# SHA-256 digests (blob and diff ID) that tar does not compute.
set -euo pipefail

runs=3
build=1
while [ $# -gt 0 ]; do
  case "$1" in
    -r) runs="$2"; shift 2 ;;
    --no-build) build=0; shift ;;
    *) echo "usage: $0 [-r RUNS] [--no-build]" >&2; exit 2 ;;
  esac
done

here="$(cd "$(dirname "$0")/.." && pwd)"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
java="$JAVA_HOME/bin/java"

work="$(mktemp -d /var/tmp/hull-unpack-bench.XXXXXX)"
trap 'rm -rf "$work"' EXIT

if [ "$build" = 1 ]; then
  (cd "$here" && mvn -B -ntp -q -pl image -am package -DskipTests)
fi
(cd "$here" && mvn -B -ntp -q -pl image dependency:build-classpath -Dmdep.outputFile="$work/cp.txt") >/dev/null
cp="$here/image/target/classes:$here/native/target/classes:$(cat "$work/cp.txt")"

src=(usr/share/doc usr/share/man usr/share/locale usr/share/icons usr/share/vim usr/share/i18n)
tar -C / -cf "$work/layer.tar" "${src[@]}"
gzip -6 -c "$work/layer.tar" > "$work/layer.tar.gz"
tar_mb=$(( $(stat -c %s "$work/layer.tar") / 1048576 ))
gz_mb=$(( $(stat -c %s "$work/layer.tar.gz") / 1048576 ))
files=$(tar -tf "$work/layer.tar" | wc -l)
rm -f "$work/layer.tar"
echo "layer: ${tar_mb} MiB tar, ${gz_mb} MiB gzip, ${files} entries (${src[*]})"

now() { date +%s.%N; }
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

tar_t=(); hull_t=()
for i in $(seq 1 "$runs"); do
  rm -rf "$work/t" "$work/h"; mkdir "$work/t"; sync
  s=$(now); tar -xzf "$work/layer.tar.gz" -C "$work/t"; e=$(now)
  tar_t+=("$(echo "$e - $s" | bc)")
  sync
  s=$(now); "$java" --enable-native-access=ALL-UNNAMED -cp "$cp" dev.hull.image.layer.UnpackMain \
      "$work/layer.tar.gz" "$work/h" >/dev/null; e=$(now)
  hull_t+=("$(echo "$e - $s" | bc)")
  printf 'run %d: tar %.2f s   hull %.2f s\n' "$i" "${tar_t[-1]}" "${hull_t[-1]}"
done
# the two trees must match (names, types, modes, owners, sizes, link targets)
(cd "$work/t" && find . -printf '%p %y %m %U %G %s %l\n' | sort) > "$work/t.list"
(cd "$work/h" && find . -mindepth 1 -printf '%p %y %m %U %G %s %l\n' | sort) > "$work/h.list"
grep -v '^\. ' "$work/t.list" | diff -q - "$work/h.list" >/dev/null && echo "trees match" || echo "TREES DIFFER"

mt=$(median "${tar_t[@]}"); mh=$(median "${hull_t[@]}")
printf 'median of %d: tar %.2f s   hull %.2f s   hull/tar %.2f   (%.0f MiB/s vs %.0f MiB/s of tar)\n' \
  "$runs" "$mt" "$mh" "$(echo "$mh / $mt" | bc -l)" "$(echo "$tar_mb / $mt" | bc -l)" "$(echo "$tar_mb / $mh" | bc -l)"
