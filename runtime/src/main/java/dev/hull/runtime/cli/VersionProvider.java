package dev.hull.runtime.cli;

import dev.hull.runtime.state.StateJson;
import picocli.CommandLine;

/** {@code hull-runtime --version}, in runc's three-line shape. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = HullRuntimeCli.class.getPackage().getImplementationVersion();
        return new String[] {
            "hull-runtime version " + (v == null ? "0.1.0-dev" : v),
            "spec: " + StateJson.OCI_VERSION,
            "java: " + Runtime.version(),
        };
    }
}
