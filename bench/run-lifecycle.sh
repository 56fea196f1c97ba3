#!/usr/bin/env bash
# Container lifecycle benchmark: hull against runc and crun, side by side in one run.
#
#   bench/run-lifecycle.sh [-n CONTAINERS] [-r RUNS] [--no-build] [--with-noaot] [--limits]
#
# Needs root, runc, crun, busybox-static, unshare (util-linux) and python3.
# Defaults: 100 containers per run, 3 runs. Results go to stdout as a table (and
# the raw numbers to bench/results/lifecycle-DATE.txt).
#
# What is measured, per container, for each runtime, with the same bundle
# (busybox-static rootfs, config from `runc spec` with terminal false, args
# ["/bin/true"], and process.capabilities.inheritable = ambient, see below):
#
#   create -> start -> wait until the container's process has exited -> delete
#
#   runc, crun, hull-cli  the OCI runtime CLI, one process per operation, driven
#                         by bench/lifecycle-loop.sh: `create --bundle`, `start`,
#                         `state` repeated back to back until it says "stopped",
#                         `delete`. The same loop and the same wait (the
#                         runtime's own `state`) for all three, so each pays the
#                         same number of process starts; state calls per
#                         container are reported. crun 1.8 refuses this host's
#                         hybrid cgroups, so its whole loop runs in one private
#                         mount namespace with /sys/fs/cgroup/unified unmounted
#                         (the unshare is not inside the timed loop).
#   hull-lib              hull's runtime library in one JVM, as the engine uses it
#                         (bench/LifecycleBench.java): ContainerCreate.create,
#                         ContainerStart.start, ContainerQuery.state polled back
#                         to back until STOPPED (the probe `hull-runtime state`
#                         uses), ContainerDelete.delete. JVM start and a warm-up
#                         of 10 containers are not in the timed loop (an engine
#                         is a long-running process); the warm-up cost is printed.
#   hull-cli-noaot        (--with-noaot) hull-cli without its AOT cache.
#
# Reported per container: median over the runs of wall time (total, and create /
# start / wait / delete), state calls, and CPU time (user+sys of the runtime
# processes: the CLIs and what they reap; for hull-lib the JVM and the hull-init
# launchers). Then ratios, and a start-up breakdown of the JVM-based CLI.
#
# --limits adds linux.resources to the bundle, so that cgroup setup and teardown
# with limits is part of what is measured: memory 64 MiB (+ swap 128 MiB), cpu
# shares 512, quota 50000/100000 us, cpuset 0, pids 64, and a read bps throttle on
# the device of loop0.
#
# Inheritable capabilities: `runc spec` lists CAP_AUDIT_WRITE, CAP_KILL and
# CAP_NET_BIND_SERVICE as ambient but not inheritable; runc and crun silently skip
# ambient capabilities they cannot raise, hull refuses the config ("raise ambient
# capability 5: Operation not permitted"). Listing them as inheritable too makes
# the config valid for all three, and they all do the same work with it.
#
# The hull jars, AOT cache and hull-init are copied into a private directory
# first, so a concurrent `mvn package` in the checkout cannot disturb a run.
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "$0")")" && pwd)"
home="$(dirname "$here")"
n=100 runs=3 build=1 noaot=0 warmup=10 limits=0
while [ $# -gt 0 ]; do
    case "$1" in
        -n) n="$2"; shift 2 ;;
        -r) runs="$2"; shift 2 ;;
        --no-build) build=0; shift ;;
        --with-noaot) noaot=1; shift ;;
        --limits) limits=1; shift ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
    esac
done

[ "$(id -u)" = 0 ] || { echo "run-lifecycle.sh: needs root" >&2; exit 1; }
for c in runc crun unshare python3; do
    command -v "$c" >/dev/null || { echo "run-lifecycle.sh: $c not found" >&2; exit 1; }
done
busybox=/bin/busybox   # from busybox-static: the rootfs holds only this file
if [ ! -x "$busybox" ] || ldd "$busybox" >/dev/null 2>&1; then
    echo "run-lifecycle.sh: needs a static $busybox (apt-get install busybox-static)" >&2
    exit 1
fi

source "$home/bin/hull-env.sh"
hull_find_java
java="$HULL_JAVA_HOME/bin/java"

if [ "$build" = 1 ]; then
    echo "building hull (mvn package) ..." >&2
    (cd "$home" && { JAVA_HOME="$HULL_JAVA_HOME" mvn -q -o -B -DskipTests package >&2 2>&1 \
        || JAVA_HOME="$HULL_JAVA_HOME" mvn -q -B -DskipTests package >&2; })
fi

work="$(mktemp -d /tmp/hull-bench.XXXXXX)"
state="/run/hull-bench.$$"
cleanup() {
    for r in "$state"/*/*/; do   # anything a failed run left behind
        [ -d "$r" ] || continue
        id="$(basename "$r")"
        case "$r" in
            */runc/*) runc --root "$state/runc" delete -f "$id" 2>/dev/null || true ;;
            */hull*/*) "$work/hull/bin/hull-runtime" --root "$(dirname "$r")" delete -f "$id" 2>/dev/null || true ;;
        esac
    done
    rm -rf "$work" "$state"
}
trap cleanup EXIT

# private copy of what bin/hull-runtime runs (cp -p: the launcher checks that the
# AOT cache is newer than the jars)
snapshot() {   # DIR WITH_AOT
    mkdir -p "$1/runtime/target" "$1/hull-init/target"
    cp -rp "$home/bin" "$1/"
    cp -rp "$home/runtime/target/hull-runtime.jar" "$home/runtime/target/lib" "$1/runtime/target/"
    if [ "$2" = 1 ] && [ -f "$home/runtime/target/hull-runtime.aot" ]; then
        cp -p "$home/runtime/target/hull-runtime.aot" "$1/runtime/target/"
    fi
    cp -p "$home/hull-init/target/hull-init" "$1/hull-init/target/"
}
snapshot "$work/hull" 1
[ -f "$work/hull/runtime/target/hull-runtime.aot" ] && aot_state="yes" || aot_state="no (build made none)"
[ "$noaot" = 1 ] && snapshot "$work/hull-noaot" 0

# the bundle
bundle="$work/bundle"
mkdir -p "$bundle/rootfs/bin"
cp "$busybox" "$bundle/rootfs/bin/busybox"
ln -s busybox "$bundle/rootfs/bin/true"
ln -s busybox "$bundle/rootfs/bin/sh"
(cd "$bundle" && runc spec)
python3 - "$bundle/config.json" "$limits" "$(cat /sys/block/loop0/dev 2>/dev/null || echo 7:0)" <<'EOF'
import json, sys
p = sys.argv[1]
c = json.load(open(p))
if sys.argv[2] == "1":
    major, minor = (int(x) for x in sys.argv[3].split(":"))
    c["linux"]["resources"].update({
        "memory": {"limit": 64 << 20, "swap": 128 << 20},
        "cpu": {"shares": 512, "quota": 50000, "period": 100000, "cpus": "0"},
        "pids": {"limit": 64},
        "blockIO": {"throttleReadBpsDevice": [{"major": major, "minor": minor, "rate": 10 << 20}]},
    })
c["process"]["terminal"] = False
c["process"]["args"] = ["/bin/true"]
caps = c["process"]["capabilities"]
caps["inheritable"] = list(caps.get("ambient", []))
json.dump(c, open(p, "w"), indent=2)
EOF

loop="$here/lifecycle-loop.sh"
cp_hull="$work/hull/runtime/target/hull-runtime.jar:$work/hull/runtime/target/lib/*"
runtimes=(runc crun hull-cli hull-lib)
[ "$noaot" = 1 ] && runtimes+=(hull-cli-noaot)

run_one() {   # RUNTIME -> one line of numbers
    local root="$state/$1"
    case "$1" in
        runc) "$loop" runc "$root" "$bundle" "$n" ;;
        crun) unshare -m sh -c 'if mountpoint -q /sys/fs/cgroup/unified; then umount /sys/fs/cgroup/unified; fi; exec "$@"' \
                  sh "$loop" crun "$root" "$bundle" "$n" ;;
        hull-cli) "$loop" "$work/hull/bin/hull-runtime" "$root" "$bundle" "$n" ;;
        hull-cli-noaot) "$loop" "$work/hull-noaot/bin/hull-runtime" "$root" "$bundle" "$n" ;;
        hull-lib) "$java" --enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -cp "$cp_hull" \
                      -Dhull.init="$work/hull/hull-init/target/hull-init" \
                      "$here/LifecycleBench.java" "$root" "$bundle" "$n" "$warmup" 1 ;;
    esac
}

results="$work/results.txt"
: >"$results"
echo "lifecycle: $n containers x $runs runs; runtimes: ${runtimes[*]}; limits: $([ "$limits" = 1 ] && echo yes || echo no)" >&2
for ((r = 0; r < runs; r++)); do
    # rotate the order, so that no runtime always runs first (or last) in a round
    for ((k = 0; k < ${#runtimes[@]}; k++)); do
        rt="${runtimes[$(((k + r) % ${#runtimes[@]}))]}"
        line="$(run_one "$rt")"
        echo "$rt $line" >>"$results"
        echo "  run $((r + 1)) $rt: $(awk -v n="$n" '{printf "%.1f ms/container", $1 / n / 1e6}' <<<"$line")" >&2
    done
done

# start-up breakdown of the CLI: K calls each, median wall and CPU (user+sys)
tfile="$work/times"
child_cpu_ms() { times >"$tfile"; cpu_ms="$(awk 'function ms(x, m) { m = x; sub(/m.*/, "", m); sub(/^[0-9]+m/, "", x); sub(/s$/, "", x); return (m * 60 + x) * 1000 } NR == 2 { printf "%d", ms($1) + ms($2) }' "$tfile")"; }
startup="$work/startup.txt"
: >"$startup"
measure() {   # LABEL CMD... ; 20 calls
    local label="$1" i t0 t1 c0
    shift
    for ((i = 0; i < 20; i++)); do
        child_cpu_ms; c0="$cpu_ms"
        t0="${EPOCHREALTIME/./}"
        "$@" >/dev/null 2>&1 || true
        t1="${EPOCHREALTIME/./}"
        child_cpu_ms
        echo "$label $(((t1 - t0) * 1000)) $(((cpu_ms - c0) * 1000000))" >>"$startup"
    done
}
echo "start-up breakdown ..." >&2
mkdir -p "$state/probe"
"$work/hull/bin/hull-runtime" --root "$state/probe" create --bundle "$bundle" probe >/dev/null
"$work/hull/bin/hull-runtime" --root "$state/probe" start probe
runc --root "$state/probe-runc" create --bundle "$bundle" probe >/dev/null
runc --root "$state/probe-runc" start probe
sleep 0.2
[ "$noaot" = 1 ] || snapshot "$work/hull-noaot" 0
opts=("${HULL_RUNTIME_JVM_OPTS[@]}")
for round in 1 2; do   # interleaved, twice, against drift in machine load
    measure "jvm-floor:java-Xshare-version" "$java" "${opts[@]}" -version
    measure "hull-cli:--version" "$work/hull/bin/hull-runtime" --version
    measure "hull-cli-noaot:--version" "$work/hull-noaot/bin/hull-runtime" --version
    measure "hull-cli:state" "$work/hull/bin/hull-runtime" --root "$state/probe" state probe
    measure "hull-cli-noaot:state" "$work/hull-noaot/bin/hull-runtime" --root "$state/probe" state probe
    measure "hull-cli-Xint:state" env JAVA_TOOL_OPTIONS=-Xint "$work/hull/bin/hull-runtime" --root "$state/probe" state probe
    measure "runc:--version" runc --version
    measure "runc:state" runc --root "$state/probe-runc" state probe
done
"$work/hull/bin/hull-runtime" --root "$state/probe" delete probe
runc --root "$state/probe-runc" delete probe

mkdir -p "$here/results"
raw="$here/results/lifecycle-$(date -u +%Y%m%dT%H%M%SZ).txt"
{
    echo "# $(date -u '+%Y-%m-%d %H:%M UTC') $(uname -r) $(nproc) cpus; n=$n runs=$runs; AOT cache: $aot_state"
    echo "# runtime total_ns create_ns start_ns wait_ns delete_ns state_calls cpu_ns"
    cat "$results"
    echo "# startup: label wall_ns cpu_ns"
    cat "$startup"
} >"$raw"

python3 - "$results" "$startup" "$n" "$runs" "$aot_state" "$(runc --version | head -1)" \
    "$(crun --version | head -1)" "$("$java" -version 2>&1 | head -1)" <<'EOF'
import sys, statistics as st
res, startup, n, runs, aot, runc_v, crun_v, java_v = sys.argv[1:]
n = int(n)
rows = {}
for line in open(res):
    f = line.split()
    rows.setdefault(f[0], []).append([float(x) for x in f[1:]])
med = {rt: [st.median(r[i] for r in v) for i in range(7)] for rt, v in rows.items()}
order = [r for r in ["runc", "crun", "hull-cli", "hull-cli-noaot", "hull-lib"] if r in med]
print(f"container lifecycle (create, start, wait for exit, delete of /bin/true): {n} containers, "
      f"median of {runs} runs")
print(f"{runc_v}; {crun_v}; {java_v}; hull-cli AOT cache: {aot}")
print()
print(f"| runtime | ms/container | create | start | wait | delete | state calls/ctr | CPU ms/ctr |")
print(f"|---|---:|---:|---:|---:|---:|---:|---:|")
for rt in order:
    m = med[rt]
    print(f"| {rt} | {m[0]/n/1e6:.1f} | {m[1]/n/1e6:.1f} | {m[2]/n/1e6:.1f} | {m[3]/n/1e6:.1f} | "
          f"{m[4]/n/1e6:.1f} | {m[5]/n:.2f} | {m[6]/n/1e6:.1f} |")
print()
def ratio(a, b, target=None):
    if a in med and b in med:
        w = med[a][0] / med[b][0]
        c = med[a][6] / med[b][6] if med[b][6] else float("nan")
        t = "" if target is None else (f" (target <= {target}: " + ("met" if w <= target else "missed") + ")")
        print(f"| {a} / {b} | {w:.2f} | {c:.2f} |{t}")
print("| ratio | wall | CPU | ")
print("|---|---:|---:|")
ratio("hull-cli", "runc", 1.5)
ratio("hull-lib", "crun", 1.0)
ratio("hull-cli", "crun")
ratio("hull-lib", "runc")
ratio("crun", "runc")
ratio("hull-cli-noaot", "hull-cli")
su = {}
for line in open(startup):
    label, w, c = line.split()
    su.setdefault(label, []).append((float(w), float(c)))
print()
print("start-up breakdown: one call, median of 40 (ms)")
print()
print("| call | wall | CPU |")
print("|---|---:|---:|")
for label, v in su.items():
    print(f"| {label} | {st.median(x[0] for x in v)/1e6:.1f} | {st.median(x[1] for x in v)/1e6:.1f} |")
EOF
echo >&2
echo "raw numbers: $raw" >&2
