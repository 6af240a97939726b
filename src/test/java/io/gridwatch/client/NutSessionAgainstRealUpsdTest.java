package io.gridwatch.client;

import io.gridwatch.tls.TlsTrust;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridwatch.protocol.NutError;
import io.gridwatch.testing.RealNut;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Gridwatch's NUT client against the real upsd 2.8.0 with dummy-ups: every call it offers. */
class NutSessionAgainstRealUpsdTest {
    static RealNut real;

    @BeforeAll
    static void start() throws Exception {
        real = RealNut.start(Files.createTempDirectory("gw-client"), List.of(
                new RealNut.Device("ups", "Reference UPS", "ups.status: OL\nbattery.charge: 88\nups.delay.start: 30\n"
                        + "ups.id: \"ACME \\\"Power\\\" Co\"\n")), """
                [admin]
                  password = adminpass
                  actions = SET FSD
                  instcmds = ALL
                [primary]
                  password = p
                  upsmon primary
                [secondary]
                  password = s
                  upsmon secondary
                """);
    }

    @AfterAll
    static void stop() {
        real.close();
    }

    NutSession session() throws Exception {
        return new NutSession(NutClient.connect("127.0.0.1", real.port(), Duration.ofSeconds(5)));
    }

    @Test
    void readsEverything() throws Exception {
        try (NutSession s = session()) {
            assertThat(s.version()).startsWith("Network UPS Tools upsd 2.8.0");
            assertThat(s.listUps()).containsExactly(java.util.Map.entry("ups", "Reference UPS"));
            assertThat(s.listVars("ups")).containsEntry("battery.charge", "88").containsEntry("ups.id", "ACME \"Power\" Co")
                    .containsKey("driver.name");
            assertThat(s.getVar("ups", "ups.status")).isEqualTo("OL");
            assertThat(s.listRw("ups")).containsKey("ups.delay.start");
            assertThat(s.getType("ups", "ups.delay.start")).containsExactly("RW", "NUMBER");
            assertThat(s.getDescription("ups", "battery.charge")).isEqualTo("Battery charge (percent of full)");
            assertThat(s.listCommands("ups")).containsExactly("load.off");
            assertThat(s.getCommandDescription("ups", "load.off")).isEqualTo("Turn off the load immediately");
            assertThat(s.getUpsDescription("ups")).isEqualTo("Reference UPS");
            assertThat(s.listEnum("ups", "ups.status")).isEmpty();
            assertThat(s.listRange("ups", "ups.status")).isEmpty();
            assertThat(s.client().startTls(TlsTrust.trustAll())).as("no certificate: plain text goes on").isFalse();
            assertThat(s.getVar("ups", "battery.charge")).isEqualTo("88");
        }
    }

    @Test
    void errorsCarryTheirToken() throws Exception {
        try (NutSession s = session()) {
            assertThatThrownBy(() -> s.getVar("nosuch", "ups.status")).isInstanceOf(NutException.class)
                    .extracting(e -> ((NutException) e).error()).isEqualTo(NutError.UNKNOWN_UPS);
            assertThatThrownBy(() -> s.getVar("ups", "no.var")).extracting(e -> ((NutException) e).error())
                    .isEqualTo(NutError.VAR_NOT_SUPPORTED);
        }
    }

    @Test
    void setsAndRunsWithTracking() throws Exception {
        try (NutSession s = session()) {
            s.authenticate("admin", "adminpass");
            s.setTracking(true);
            String id = s.setVar("ups", "ups.delay.start", "35");
            assertThat(id).matches("[0-9A-F-]{36}");
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !s.tracking(id).equals("PENDING"));
            assertThat(s.tracking(id)).isEqualTo("SUCCESS");
            String cmd = s.instCmd("ups", "load.off", null);
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !s.tracking(cmd).equals("PENDING"));
            assertThat(s.tracking(cmd)).isEqualTo("ERR UNKNOWN");
            s.setTracking(false);
            assertThat(s.setVar("ups", "ups.delay.start", "36")).isNull();
        }
    }

    @Test
    void primaryAndSecondaryLoginAndFsd() throws Exception {
        try (NutSession secondary = session(); NutSession primary = session()) {
            secondary.authenticate("secondary", "s");
            secondary.login("ups");
            primary.authenticate("primary", "p");
            primary.login("ups");
            primary.primary("ups");
            assertThat(primary.numLogins("ups")).isEqualTo(2);
            assertThat(primary.listClients("ups")).containsExactly("127.0.0.1", "127.0.0.1");
            primary.fsd("ups");
            assertThat(secondary.getVar("ups", "ups.status")).isEqualTo("FSD OL");
            secondary.logout();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> primary.numLogins("ups") == 1);
        }
    }
}
