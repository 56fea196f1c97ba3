# shellcheck shell=bash
# Shared by bin/hull, bin/hull-runtime and bin/test: finds the checkout and a JDK 25, and
# builds what is missing. Sourced, not run.

HULL_HOME="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"

# JVM options of the hull-runtime CLI, a short-lived process: fast start-up over peak
# speed. JVM warnings go to stderr (stdout carries JSON for callers) and AOT cache
# messages are off (a stale or missing cache is simply not used). The AOT cache is
# made with these same options (runtime/src/build/make-aot-cache.sh).
HULL_RUNTIME_JVM_OPTS=(-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k -XX:-UsePerfData
    -Xlog:disable "-Xlog:all=warning,aot*=off,cds*=off:stderr" --enable-native-access=ALL-UNNAMED)

# The Java version of the JDK in $1: read from its release file (starting a JVM
# just to ask would double the start-up cost of every hull-runtime call).
hull_java_version() {
    local line
    if [ -r "$1/release" ]; then
        while IFS= read -r line; do
            case "$line" in
                JAVA_VERSION=*) line="${line#JAVA_VERSION=}"; echo "${line//\"/}"; return 0 ;;
            esac
        done <"$1/release"
    fi
    "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'
}

hull_find_java() {
    local candidates=()
    [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
    candidates+=(/usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-25-jdk-arm64 /usr/lib/jvm/java-25-openjdk-amd64)
    for d in /usr/lib/jvm/*; do candidates+=("$d"); done
    local d v
    for d in "${candidates[@]}"; do
        [ -x "$d/bin/java" ] || continue
        v="$(hull_java_version "$d")"
        if [ -n "$v" ] && [ "${v%%.*}" -ge 25 ] 2>/dev/null; then
            HULL_JAVA_HOME="$d"
            return 0
        fi
    done
    echo "hull: no JDK 25 or newer found (set JAVA_HOME); the default java is too old" >&2
    return 1
}

# Builds the jars and hull-init when they are missing. A lock keeps two first
# calls (podman may call the runtime several times at once) from building together.
hull_built() {
    [ -f "$HULL_HOME/runtime/target/hull-runtime.jar" ] && [ -d "$HULL_HOME/runtime/target/lib" ] \
        && [ -x "$HULL_HOME/hull-init/target/hull-init" ] && [ -x "$HULL_HOME/hull-init/target/hull-monitor" ] \
        && [ -f "$HULL_HOME/cli/target/hull-cli.jar" ] && [ -d "$HULL_HOME/cli/target/lib" ]
}

hull_ensure_built() {
    if hull_built; then
        return 0
    fi
    mkdir -p "$HULL_HOME/runtime/target"
    (
        flock 9
        if ! hull_built; then
            echo "hull: building (first use) ..." >&2
            (cd "$HULL_HOME" && JAVA_HOME="$HULL_JAVA_HOME" mvn -q -B -DskipTests package >&2) || {
                echo "hull: build failed; run 'mvn package' in $HULL_HOME to see why" >&2
                exit 1
            }
        fi
    ) 9>"$HULL_HOME/runtime/target/.build.lock"
}
