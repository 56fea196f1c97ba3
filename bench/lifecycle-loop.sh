#!/usr/bin/env bash
# One timed loop of N container lifecycles with one OCI runtime CLI; called by
# run-lifecycle.sh (for crun inside a private mount namespace), not meant to be run alone.
#
#   lifecycle-loop.sh RUNTIME_CMD ROOT BUNDLE N
#
# Per container: RUNTIME --root ROOT create --bundle BUNDLE ID; RUNTIME start ID;
# then RUNTIME state ID, repeated until it reports "stopped"; RUNTIME delete ID.
# Prints one line: total_ns create_ns start_ns wait_ns delete_ns state_calls cpu_ns
# (sums over the N containers; wall clock from bash's EPOCHREALTIME, no forks for
# timing; cpu_ns is the user+sys time of the reaped child processes, from `times`).
set -euo pipefail
rt="$1" root="$2" bundle="$3" n="$4"

mkdir -p "$root"
# children's user+sys CPU time so far, in ms: the second line of the `times`
# builtin, run in this shell (not in a $(...) subshell, which has its own children)
tfile="$(mktemp)"
trap 'rm -f "$tfile"' EXIT
child_cpu_ms() {   # sets cpu_ms
    times >"$tfile"
    cpu_ms="$(awk 'function ms(x, m) { m = x; sub(/m.*/, "", m); sub(/^[0-9]+m/, "", x); sub(/s$/, "", x); return (m * 60 + x) * 1000 }
        NR == 2 { printf "%d", ms($1) + ms($2) }' "$tfile")"
}
child_cpu_ms
cpu0="$cpu_ms"
tc=0 ts=0 tw=0 td=0 polls=0
t_all0="${EPOCHREALTIME/./}"
for ((i = 0; i < n; i++)); do
    id="bench-$$-$i"
    t0="${EPOCHREALTIME/./}"
    $rt --root "$root" create --bundle "$bundle" "$id" </dev/null >/dev/null
    t1="${EPOCHREALTIME/./}"
    $rt --root "$root" start "$id"
    t2="${EPOCHREALTIME/./}"
    while :; do
        polls=$((polls + 1))
        out="$($rt --root "$root" state "$id")"
        [[ "$out" =~ \"status\"[[:space:]]*:[[:space:]]*\"stopped\" ]] && break
    done
    t3="${EPOCHREALTIME/./}"
    $rt --root "$root" delete "$id"
    t4="${EPOCHREALTIME/./}"
    tc=$((tc + t1 - t0)) ts=$((ts + t2 - t1)) tw=$((tw + t3 - t2)) td=$((td + t4 - t3))
done
t_all1="${EPOCHREALTIME/./}"
child_cpu_ms
cpu1="$cpu_ms"
echo "$(((t_all1 - t_all0) * 1000)) $((tc * 1000)) $((ts * 1000)) $((tw * 1000)) $((td * 1000)) $polls $(((cpu1 - cpu0) * 1000000))"
