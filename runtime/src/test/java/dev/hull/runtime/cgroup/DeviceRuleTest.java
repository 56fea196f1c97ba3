package dev.hull.runtime.cgroup;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hull.runtime.spec.LinuxDevice;
import dev.hull.runtime.spec.SpecException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeviceRuleTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void denyAllComesFirstThenConfigThenDefaultsThenCreatedDevices() throws Exception {
        var resources = JSON.readTree("""
                {"devices": [{"allow": false, "access": "rwm"},
                             {"allow": true, "type": "c", "major": 10, "minor": 229, "access": "rw"}]}""");
        var created = List.of(new LinuxDevice("c", "/dev/fuse2", 10L, 230L, 0666L, 0L, 0L));
        List<String> lines = DeviceRule.forContainer(resources, created).stream()
                .map(r -> (r.allow() ? "allow " : "deny ") + r.line()).toList();
        assertThat(lines.getFirst()).isEqualTo("deny a *:* rwm");
        assertThat(lines.subList(1, 3)).containsExactly("deny a *:* rwm", "allow c 10:229 rw");
        assertThat(lines).contains("allow c 1:3 rwm", "allow c 136:* rwm", "allow b *:* m");
        assertThat(lines.getLast()).isEqualTo("allow c 10:230 rwm");
    }

    @Test
    void noResourcesStillDeniesEverythingButTheDefaults() {
        List<DeviceRule> rules = DeviceRule.forContainer(null, List.of());
        assertThat(rules.getFirst().allow()).isFalse();
        assertThat(rules).hasSize(1 + DeviceRule.ALWAYS_ALLOWED.size());
        assertThat(rules.stream().filter(r -> r.type() == 'b' && r.access().contains("r"))).isEmpty();
    }

    @Test
    void badRulesNameTheField() throws Exception {
        var badType = JSON.readTree("{\"devices\": [{\"allow\": true, \"type\": \"x\"}]}");
        assertThatThrownBy(() -> DeviceRule.forContainer(badType, List.of())).isInstanceOf(SpecException.class)
                .hasMessageContaining("linux.resources.devices[0].type \"x\"");
        var badAccess = JSON.readTree("{\"devices\": [{\"allow\": true, \"access\": \"rwx\"}]}");
        assertThatThrownBy(() -> DeviceRule.forContainer(badAccess, List.of()))
                .hasMessageContaining("linux.resources.devices[0].access");
        var noAllow = JSON.readTree("{\"devices\": [{\"type\": \"c\"}]}");
        assertThatThrownBy(() -> DeviceRule.forContainer(noAllow, List.of()))
                .hasMessageContaining("linux.resources.devices[0].allow");
    }
}
