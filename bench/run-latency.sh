#!/usr/bin/env bash
# `run --rm busybox true` latency, side by side in one run: hull (bin/hull, a JVM
# per command, containers under hull-monitor), podman (with runc, conmon) and docker
# (Debian's dockerd + containerd + runc, started here with its own data root). All
# three run the same busybox-static rootfs with no network (hull's default; podman
# and docker with --network none). Median wall time of N runs each, after one
# warm-up run each; then the ratios against the target (hull at or below 0.5x both).
#
#   bench/run-latency.sh [-n N]      (root; default N=10)
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
[ "$(id -u)" = 0 ] || { echo "run-latency.sh: needs root" >&2; exit 1; }
for c in podman dockerd docker containerd python3; do
    command -v "$c" >/dev/null || { echo "run-latency.sh: $c not found" >&2; exit 1; }
done
source "$home/bin/hull-env.sh"
hull_find_java
hull_ensure_built

work="$(mktemp -d /tmp/hull-lat.XXXXXX)"
export HULL_ROOT="$work/hull/lib" HULL_RUN="$work/hull/run"
podman=(podman --runtime runc --root "$work/podman/root" --runroot "$work/podman/run" --cgroup-manager cgroupfs
        --events-backend none)
sock="$work/docker.sock"
docker=(docker --host "unix://$sock")
dockerd_pid=
cleanup() {
    "$home/bin/hull" rm -f $("$home/bin/hull" ps -aq 2>/dev/null) >/dev/null 2>&1 || true
    "${podman[@]}" rm -f -a -t 0 >/dev/null 2>&1 || true
    [ -n "$dockerd_pid" ] && kill "$dockerd_pid" 2>/dev/null && wait "$dockerd_pid" 2>/dev/null || true
    for m in $(grep -o " $work[^ ]*" /proc/self/mountinfo | sort -r); do umount -l "$m" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT

# one rootfs for podman and docker: busybox-static and its applets
rootfs="$work/rootfs"
mkdir -p "$rootfs/bin" "$rootfs/etc" "$rootfs/tmp"
cp /bin/busybox "$rootfs/bin/busybox"
for a in $(/bin/busybox --list); do [ "$a" = busybox ] || ln -s busybox "$rootfs/bin/$a"; done
echo 'root:x:0:0:root:/root:/bin/sh' >"$rootfs/etc/passwd"

"$home/bin/hull" run --rm busybox true 2>/dev/null   # hull's busybox, built from the same package
tar -C "$rootfs" -c . | "${podman[@]}" import -q - localhost/lat-busybox >/dev/null

dockerd --data-root "$work/docker/data" --exec-root "$work/dk" --pidfile "$work/dockerd.pid" \
    --host "unix://$sock" --containerd-namespace hull-lat --containerd-plugins-namespace hull-lat-plugins \
    --iptables=false --ip6tables=false --bridge=none >"$work/dockerd.log" 2>&1 </dev/null &
dockerd_pid=$!
for _ in $(seq 300); do "${docker[@]}" version >/dev/null 2>&1 && break; sleep 0.2; done
"${docker[@]}" version >/dev/null 2>&1 || { echo "dockerd did not start:"; tail "$work/dockerd.log"; exit 1; } >&2
tar -C "$rootfs" -c . | "${docker[@]}" import - lat-busybox >/dev/null

limits=(--ulimit nofile=1024:1024 --ulimit nproc=1024:1024)
run_hull()   { "$home/bin/hull" run --rm busybox true; }
run_podman() { "${podman[@]}" run --rm --network none "${limits[@]}" localhost/lat-busybox /bin/true; }
run_docker() { "${docker[@]}" run --rm --network none lat-busybox /bin/true; }

measure() {   # NAME -> N lines of ms
    "run_$1" >/dev/null 2>&1 || { echo "$1: the warm-up run failed" >&2; "run_$1"; exit 1; }
    for _ in $(seq "$n"); do
        local t0 t1
        t0=$(date +%s%N)
        "run_$1" >/dev/null
        t1=$(date +%s%N)
        echo $(( (t1 - t0) / 1000000 ))
    done
}

for who in hull podman docker; do
    measure "$who" >"$work/$who.txt"
    echo "  $who: done" >&2
done

python3 - "$work" "$n" "$(podman --version)" "$(docker --version)" "$(runc --version | head -1)" <<'PY'
import statistics, sys
work, n = sys.argv[1], sys.argv[2]
med = {w: statistics.median(int(l) for l in open(f"{work}/{w}.txt") if l.strip()) for w in ("hull", "podman", "docker")}
print(f"run --rm busybox true: median of {n} runs (ms); {sys.argv[3]}; {sys.argv[4]}; {sys.argv[5]}")
print("| engine | ms |\n|---|---:|")
for w, v in med.items():
    print(f"| {w} | {v:.0f} |")
for peer in ("podman", "docker"):
    r = med["hull"] / med[peer]
    print(f"hull/{peer}: {r:.2f} (target <= 0.5: {'met' if r <= 0.5 else 'missed'})")
PY
