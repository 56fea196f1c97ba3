#!/usr/bin/env bash
# Memory of the per-container monitor, side by side in one run: hull-monitor
# (hull-init/target/hull-monitor) against podman's conmon, each watching N
# containers that run `sleep`. Prints the median VmRSS and Pss (from
# /proc/PID/smaps_rollup) per monitor process in kB, and the ratios.
#
#   bench/monitor-rss.sh [-n N]      (root; default N=10; needs podman and busybox-static)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
home="$(dirname "$here")"
n=10
while [ $# -gt 0 ]; do
    case "$1" in
        -n) n="$2"; shift 2 ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
    esac
done
[ "$(id -u)" = 0 ] || { echo "monitor-rss.sh: needs root" >&2; exit 1; }
for c in podman python3; do
    command -v "$c" >/dev/null || { echo "monitor-rss.sh: $c not found" >&2; exit 1; }
done
source "$home/bin/hull-env.sh"
hull_find_java
hull_ensure_built

work="$(mktemp -d /tmp/hull-monrss.XXXXXX)"
state="/run/hull-monrss.$$"
proot="$work/podman"
podman=(podman --runtime runc --root "$proot/root" --runroot "$proot/run" --cgroup-manager cgroupfs --events-backend none)
cleanup() {
    for d in "$state"/*/; do
        [ -d "$d" ] && "$home/bin/hull-runtime" --root "$state" delete -f "$(basename "$d")" >/dev/null 2>&1 || true
    done
    "${podman[@]}" rm -f -a -t 0 >/dev/null 2>&1 || true
    rm -rf "$work" "$state"
}
trap cleanup EXIT

bundle="$work/bundle"
mkdir -p "$bundle/rootfs/bin"
cp /bin/busybox "$bundle/rootfs/bin/busybox"
ln -s busybox "$bundle/rootfs/bin/sleep"
ln -s busybox "$bundle/rootfs/bin/sh"
(cd "$bundle" && "$home/bin/hull-runtime" spec)
python3 - "$bundle/config.json" <<'PY'
import json, sys
c = json.load(open(sys.argv[1]))
c["process"]["terminal"] = False
c["process"]["args"] = ["/bin/sleep", "600"]
json.dump(c, open(sys.argv[1], "w"))
PY

measure() {   # PID... -> "rss_kB pss_kB" per line
    for p in "$@"; do
        rss=$(awk '/^VmRSS/ {print $2}' "/proc/$p/status")
        pss=$(awk '/^Pss:/ {print $2}' "/proc/$p/smaps_rollup")
        echo "$rss $pss"
    done
}

lib="$home/runtime/target"
hull_pids=$("$HULL_JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$lib/hull-runtime.jar:$lib/lib/*" \
    -Dhull.init="$home/hull-init/target/hull-init" "$here/MonitorStart.java" "$state" "$work/hull" "$bundle" "$n" \
    | awk '{print $2}')
sleep 1
measure $hull_pids >"$work/hull.txt"

tar -C "$bundle/rootfs" -c . | "${podman[@]}" import -q - localhost/monrss-busybox >/dev/null
for i in $(seq "$n"); do
    "${podman[@]}" run -d --net none --ulimit nofile=1024:1024 --ulimit nproc=1024:1024 localhost/monrss-busybox /bin/sleep 600 >/dev/null
done
sleep 1
measure $(pgrep -f "conmon.*$proot" ) >"$work/conmon.txt"

python3 - "$work/hull.txt" "$work/conmon.txt" "$n" "$(conmon --version | head -1)" <<'PY'
import statistics, sys
def load(p):
    rows = [tuple(map(int, l.split())) for l in open(p) if l.strip()]
    return statistics.median(r[0] for r in rows), statistics.median(r[1] for r in rows), len(rows)
h, c = load(sys.argv[1]), load(sys.argv[2])
print(f"monitor memory, median per monitor process, {sys.argv[3]} containers each; {sys.argv[4]}")
print(f"{'monitor':<14}{'count':>6}{'VmRSS kB':>10}{'Pss kB':>9}")
print(f"{'hull-monitor':<14}{h[2]:>6}{h[0]:>10.0f}{h[1]:>9.0f}")
print(f"{'conmon':<14}{c[2]:>6}{c[0]:>10.0f}{c[1]:>9.0f}")
print(f"hull-monitor/conmon: RSS {h[0]/c[0]:.2f}, Pss {h[1]/c[1]:.2f}")
PY
