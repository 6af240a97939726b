package io.gridwatch.testing;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * An MQTT broker for tests: the machine's when one answers an MQTT CONNECT on 127.0.0.1:1883 (a Mosquitto),
 * otherwise HiveMQ Community Edition (embedded, from Maven Central) started in this JVM on a free loopback port,
 * anonymous, in memory, for the rest of the run. Thread-safe.
 */
public final class MqttBroker {
    /** Where the broker listens, and whether it was started here. */
    public record Broker(String host, int port, boolean embedded) {
    }

    private static Broker broker;

    private MqttBroker() {
    }

    public static synchronized Broker get() {
        if (broker == null) {
            broker = machine() ? new Broker("127.0.0.1", 1883, false) : start();
        }
        return broker;
    }

    private static boolean machine() {
        try {
            Mqtt3BlockingClient c = MqttClient.builder().useMqttVersion3().identifier("probe-" + UUID.randomUUID())
                    .serverHost("127.0.0.1").serverPort(1883).buildBlocking();
            c.toAsync().connect().get(3, java.util.concurrent.TimeUnit.SECONDS);
            c.disconnect();
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static Broker start() {
        int port = RealNut.freePort();
        try {
            Path home = Files.createTempDirectory("gridwatch-mqtt");
            Path conf = Files.createDirectories(home.resolve("conf"));
            Files.writeString(conf.resolve("config.xml"), """
                    <?xml version="1.0"?>
                    <hivemq>
                      <listeners>
                        <tcp-listener><port>%d</port><bind-address>127.0.0.1</bind-address></tcp-listener>
                      </listeners>
                      <anonymous-usage-statistics><enabled>false</enabled></anonymous-usage-statistics>
                      <persistence><mode>in-memory</mode></persistence>
                    </hivemq>
                    """.formatted(port));
            com.hivemq.embedded.EmbeddedHiveMQ hivemq = com.hivemq.embedded.EmbeddedHiveMQ.builder()
                    .withConfigurationFolder(conf).withDataFolder(Files.createDirectories(home.resolve("data")))
                    .withExtensionsFolder(Files.createDirectories(home.resolve("extensions"))).build();
            hivemq.start().get(60, java.util.concurrent.TimeUnit.SECONDS);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    hivemq.stop().get(10, java.util.concurrent.TimeUnit.SECONDS);
                    hivemq.close();
                } catch (Exception e) {
                    // exiting anyway
                }
            }));
            return new Broker("127.0.0.1", port, true);
        } catch (Exception e) {
            throw new IllegalStateException("no MQTT broker on 127.0.0.1:1883 and the embedded HiveMQ did not start: "
                    + e.getMessage(), e);
        }
    }
}
