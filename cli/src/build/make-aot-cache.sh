#!/usr/bin/env bash
# Makes cli/target/hull.aot, the JDK AOT cache bin/hull starts with (classes loaded
# and linked ahead of time), from a training run of dev.hull.cli.AotTraining with the
# same JVM options and class path as bin/hull. As root with hull-init built and
# busybox-static installed, the training runs a container too (HULL_AOT_CONTAINER=0
# skips it). Best effort: without a cache bin/hull works, starting slower; the
# reason is in cli/target/aot-training.log.
#
#   make-aot-cache.sh JAVA_HOME
set -u
source "$(dirname "$(readlink -f "$0")")/../../../bin/hull-env.sh"
java="$1/bin/java"
target="$HULL_HOME/cli/target"
aot="$target/hull.aot"
init="$HULL_HOME/hull-init/target/hull-init"
log="$target/aot-training.log"
tmp="$aot.$$.tmp"
rm -f "$aot"
train=()
if [ "$(id -u)" = 0 ] && [ -x "$init" ] && [ -x /bin/busybox ] && [ "${HULL_AOT_CONTAINER:-1}" != 0 ]; then
    train=(--with-container)
fi
limit=()
command -v timeout >/dev/null && limit=(timeout 300)
if "${limit[@]}" "$java" "${HULL_RUNTIME_JVM_OPTS[@]}" "-Xlog:aot*=error,cds*=error:stderr" \
        -XX:AOTCacheOutput="$tmp" -Dhull.init="$init" \
        -cp "$target/hull-cli.jar:$target/lib/*" dev.hull.cli.AotTraining "${train[@]}" \
        >"$log" 2>&1 && [ -s "$tmp" ]; then
    mv "$tmp" "$aot"
else
    rm -f "$tmp"
    echo "hull: no AOT cache made (bin/hull works without it, starting slower); see $log" >&2
fi
exit 0
