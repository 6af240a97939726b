package io.gridwatch.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;

/**
 * The services some tests need come from the machine when it runs them, and are started here otherwise: the
 * same tests pass on a bare machine (.ci/run proves it in a network namespace with only loopback).
 */
@org.junit.jupiter.api.Tag("services")
class ServicesTest {
    static boolean answers(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Test
    void postgresIsTheMachinesWhenOneAnswersElseOneStartedHere() throws Exception {
        boolean machine = answers(5432);
        Postgres.Server pg = Postgres.get();
        assertThat(pg.embedded()).as("embedded only when the machine has none").isEqualTo(!machine);
        try (Connection c = pg.connect(); ResultSet r = c.createStatement().executeQuery("SELECT current_database()")) {
            assertThat(r.next()).isTrue();
            assertThat(r.getString(1)).isEqualTo("test");
        }
        System.out.println("PostgreSQL for tests: " + pg.url() + (pg.embedded() ? " (started here)" : " (the machine's)"));
    }

    @Test
    void theMqttBrokerIsTheMachinesWhenOneAnswersElseOneStartedHere() throws Exception {
        boolean machine = answers(1883);
        MqttBroker.Broker b = MqttBroker.get();
        assertThat(b.embedded()).as("embedded only when the machine has none").isEqualTo(!machine);
        var c = com.hivemq.client.mqtt.MqttClient.builder().useMqttVersion3().identifier("services-test")
                .serverHost(b.host()).serverPort(b.port()).buildBlocking();
        c.connect();
        c.disconnect();
        System.out.println("MQTT broker for tests: " + b.host() + ":" + b.port() + (b.embedded() ? " (HiveMQ CE, started here)"
                : " (the machine's)"));
    }
}
