package dev.hull.runtime.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** exec joins every namespace and the cgroup of a running container. */
class ExecIT {

    @TempDir
    Path tmp;

    private String id;
    private int initPid;

    @BeforeEach
    void startContainer() throws Exception {
        TestBundle b = TestBundle.sh(tmp, "sleep 1000");
        b.config.put("hostname", "exec-box");
        b.process().putArray("env").add("PATH=/bin").add("FROM_CONFIG=yes");
        b.write();
        id = "exec-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        Cli.ok(tmp, "run", "-d", "--bundle", b.dir.toString(), id);
        initPid = new ObjectMapper().readTree(Cli.ok(tmp, "state", id)).get("pid").asInt();
    }

    @AfterEach
    void removeContainer() {
        Cli.run(tmp, "delete", "--force", id);
        Leftovers.assertNone(id);
    }

    @Test
    void execJoinsEveryNamespaceOfTheContainer() throws Exception {
        List<String> types = List.of("ipc", "mnt", "net", "pid", "uts", "cgroup");
        StringBuilder script = new StringBuilder();
        for (String t : types) {
            script.append("readlink /proc/self/ns/").append(t).append("; ");
        }
        String out = Cli.ok(tmp, "exec", id, "/bin/sh", "-c", script.toString());
        List<String> inside = out.lines().toList();
        for (int i = 0; i < types.size(); i++) {
            String host = Files.readSymbolicLink(Path.of("/proc/" + initPid + "/ns/" + types.get(i))).toString();
            assertThat(inside.get(i)).as(types.get(i)).isEqualTo(host);
        }
    }

    @Test
    void execSeesTheContainersProcessesHostnameAndEnvironment() {
        String out = Cli.ok(tmp, "exec", "--env", "EXTRA=1", id, "/bin/sh", "-c",
                "hostname; echo $FROM_CONFIG $EXTRA; tr '\\0' ' ' < /proc/1/cmdline");
        assertThat(out.lines().toList()).containsExactly("exec-box", "yes 1", "sleep 1000 ");
    }

    @Test
    void execExitStatusIsPassedThrough() {
        Cli.Result r = Cli.run(tmp, "exec", id, "/bin/sh", "-c", "exit 42");
        assertThat(r.exit()).isEqualTo(42);
    }

    @Test
    void execAppliesUserAndCwd() {
        String out = Cli.ok(tmp, "exec", "--user", "65534:65534", "--cwd", "/tmp", id, "/bin/sh", "-c",
                "id -u; id -g; pwd");
        assertThat(out.lines().toList()).containsExactly("65534", "65534", "/tmp");
    }

    @Test
    void execProcessIsInTheContainersCgroup() {
        String out = Cli.ok(tmp, "exec", id, "/bin/sh", "-c", "cat /proc/self/cgroup | grep memory");
        assertThat(out).contains("memory:/");
        assertThat(Cli.ok(tmp, "ps", "--format", "json", id)).contains(Integer.toString(initPid));
    }

    @Test
    void detachedExecWritesItsPidFile() throws Exception {
        Path pidFile = tmp.resolve("exec.pid");
        Cli.ok(tmp, "exec", "--detach", "--pid-file", pidFile.toString(), id, "/bin/sleep", "999");
        int pid = Integer.parseInt(Files.readString(pidFile).trim());
        assertThat(Files.readString(Path.of("/proc/" + pid + "/cmdline"))).startsWith("/bin/sleep");
        assertThat(Cli.ok(tmp, "ps", "--format", "json", id)).contains(Integer.toString(pid));
    }

    @Test
    void execWithAProcessFile() throws Exception {
        Path process = tmp.resolve("process.json");
        Files.writeString(process, """
                {"args": ["/bin/sh", "-c", "echo from-file $A"], "env": ["A=b"], "cwd": "/",
                 "user": {"uid": 0, "gid": 0}}
                """);
        assertThat(Cli.ok(tmp, "exec", "--process", process.toString(), id).trim()).isEqualTo("from-file b");
    }

    @Test
    void execOfAMissingProgramFailsWith255AsRunc() {
        Cli.Result r = Cli.run(tmp, "exec", id, "/no/such");
        assertThat(r.exit()).isEqualTo(255);
        assertThat(r.err()).contains("/no/such");
    }

    @Test
    void execIntoAStoppedContainerIsRefused() throws Exception {
        Cli.ok(tmp, "kill", id, "KILL");
        for (int i = 0; i < 100 && Cli.ok(tmp, "state", id).contains("running"); i++) {
            Thread.sleep(20);
        }
        Cli.Result r = Cli.run(tmp, "exec", id, "/bin/true");
        assertThat(r.exit()).isEqualTo(255); // as runc: exec reports its own failures with 255
        assertThat(r.err()).contains("stopped");
    }
}
