#!/usr/bin/env bash
# Makes runtime/target/hull-runtime.aot, the JDK AOT cache that bin/hull-runtime
# uses to start faster (classes loaded and linked ahead of time, JEP 483/514).
# Run by Maven after packaging (runtime/pom.xml, exec-maven-plugin), with the JDK
# that runs the build:
#
#   make-aot-cache.sh JAVA_HOME
#
# The training run is dev.hull.runtime.cli.AotTraining: the CLI's commands that
# need no privileges, plus, as root with hull-init built, one create / start /
# delete of a container whose program is an empty file (HULL_AOT_CONTAINER=0
# skips it). Best effort: if the JDK cannot make a cache, the build goes on
# without one (the launcher works without it); the reason is in
# runtime/target/aot-training.log.
set -u
source "$(dirname "$(readlink -f "$0")")/../../../bin/hull-env.sh"
java="$1/bin/java"
target="$HULL_HOME/runtime/target"
aot="$target/hull-runtime.aot"
init="$HULL_HOME/hull-init/target/hull-init"
log="$target/aot-training.log"

tmp="$aot.$$.tmp"   # two builds at once must not write one file
rm -f "$aot"
train=()
if [ "$(id -u)" = 0 ] && [ -x "$init" ] && [ "${HULL_AOT_CONTAINER:-1}" != 0 ]; then
    train=(--with-container)
fi
# same options and class path as bin/hull-runtime, so the cache matches its JVM
# (a time limit, so that a training run that hangs cannot hang the build)
limit=()
command -v timeout >/dev/null && limit=(timeout 300)
if "${limit[@]}" "$java" "${HULL_RUNTIME_JVM_OPTS[@]}" "-Xlog:aot*=error,cds*=error:stderr" \
        -XX:AOTCacheOutput="$tmp" -Dhull.init="$init" \
        -cp "$target/hull-runtime.jar:$target/lib/*" dev.hull.runtime.cli.AotTraining "${train[@]}" \
        >"$log" 2>&1 && [ -s "$tmp" ]; then
    mv "$tmp" "$aot"
else
    rm -f "$tmp"
    echo "hull: no AOT cache made (hull-runtime works without it, starting slower); see $log" >&2
fi
exit 0
