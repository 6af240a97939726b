package io.gridwatch.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.testing.Api;
import io.gridwatch.testing.LogCapture;
import io.gridwatch.testing.Wire;
import java.nio.file.Path;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Password guessing, on a server of its own (locks are per address, and every test here comes from 127.0.0.1):
 * HTTP and NUT logins share one guard, failures and locks are logged without the password, and a NUT session
 * whose credentials were already found right is never locked out.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LoginGuardTest {
    @TempDir
    static Path dir;
    static ApiSite site;

    @org.junit.jupiter.api.BeforeAll
    static void start() throws Exception {
        site = ApiSite.start(dir);
    }

    @org.junit.jupiter.api.AfterAll
    static void stop() {
        site.close();
    }

    @Test
    @Order(1)
    void failedLoginsAreLoggedWithoutThePasswordAndSlowedDown() throws Exception {
        try (LogCapture log = new LogCapture()) {
            Api anon = Api.of(site.server);
            int refused = 0;
            for (int i = 0; i < 8; i++) {
                Api.Response r = anon.post("/api/v1/login", "{\"username\":\"mallory\",\"password\":\"guess-" + i + "\"}");
                if (r.status() == 429) {
                    refused++;
                } else {
                    assertThat(r.status()).isEqualTo(401);
                }
            }
            assertThat(refused).as("after 5 failures the address is locked").isGreaterThan(0);
            assertThat(log.lines()).anyMatch(l -> l.contains("failed HTTP login from 127.0.0.1 as user \"mallory\""))
                    .anyMatch(l -> l.contains("are refused for"))
                    .noneMatch(l -> l.contains("guess-"));
        }
        try (Wire w = site.server.wire()) {
            assertThat(w.ask("USERNAME admin")).isEqualTo("OK");
            assertThat(w.ask("PASSWORD adminpass")).isEqualTo("OK");
            assertThat(w.ask("INSTCMD rack beeper.disable")).as("NUT shares the guard: this address is locked")
                    .isEqualTo("ERR ACCESS-DENIED");
        }
        Thread.sleep(2100); // the first lock is 1-2 s
    }

    @Test
    @Order(2)
    void nutPasswordGuessingIsLockedOutAndLogged() throws Exception {
        Thread.sleep(2100);
        try (LogCapture log = new LogCapture()) {
            try (Wire held = site.server.wire()) {
                assertThat(held.ask("USERNAME admin")).isEqualTo("OK");
                assertThat(held.ask("PASSWORD adminpass")).isEqualTo("OK");
                assertThat(held.ask("INSTCMD rack beeper.disable")).isEqualTo("OK");
                for (int i = 0; i < 7; i++) {
                    try (Wire w = site.server.wire()) {
                        w.ask("USERNAME admin");
                        w.ask("PASSWORD wrong" + i);
                        assertThat(w.ask("INSTCMD rack beeper.disable")).isEqualTo("ERR ACCESS-DENIED");
                    }
                }
                try (Wire w = site.server.wire()) {
                    w.ask("USERNAME admin");
                    w.ask("PASSWORD adminpass");
                    assertThat(w.ask("INSTCMD rack beeper.disable")).as("locked: even the right password")
                            .isEqualTo("ERR ACCESS-DENIED");
                }
                assertThat(held.ask("INSTCMD rack beeper.disable")).as("a session already verified is never locked")
                        .isEqualTo("OK");
            }
            assertThat(log.lines()).anyMatch(l -> l.contains("failed NUT login from 127.0.0.1 as user \"admin\""))
                    .noneMatch(l -> l.contains("wrong"));
        }
        Thread.sleep(4100); // let the lock expire for the other tests
    }

}
