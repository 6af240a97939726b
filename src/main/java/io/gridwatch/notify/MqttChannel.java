package io.gridwatch.notify;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttClientSslConfig;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3ClientBuilder;
import io.gridwatch.hub.Availability;
import io.gridwatch.hub.ClientState;
import io.gridwatch.clients.ClientTracker;
import io.gridwatch.hub.EventBus;
import io.gridwatch.hub.UpsEvent;
import io.gridwatch.hub.UpsHub;
import io.gridwatch.hub.UpsName;
import io.gridwatch.hub.UpsSnapshot;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.TrustManagerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MQTT (3.1.1, HiveMQ client): state and events for home automation. Retained state documents per UPS and per
 * protected machine, updated as the hub changes; Home Assistant discovery (retained) so that every UPS, sentinel
 * and machine appears by itself; {@code <prefix>/status} online/offline with a last will; notifications as
 * non-retained QoS 1 messages on {@code <prefix>/event} through the outbox (a broker that is down means a retry,
 * not a loss). The client reconnects by itself and publishes everything again on each connection. Thread-safe.
 */
public final class MqttChannel implements Channel, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MqttChannel.class);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);

    private final ChannelSpec.Mqtt spec;
    private final UpsHub hub;
    private final ClientTracker clients;
    private final HomeAssistant ha;
    private final Mqtt3AsyncClient client;
    private final Map<String, Object> lastDiscovery = new ConcurrentHashMap<>();
    /** What each UPS's availability topic last said, so that it is published on a change only. */
    private final Map<String, String> lastAvailability = new ConcurrentHashMap<>();
    private EventBus.Subscription subscription;

    public MqttChannel(ChannelSpec.Mqtt spec, UpsHub hub, ClientTracker clients) throws Exception {
        this.spec = spec;
        this.hub = hub;
        this.clients = clients;
        this.ha = new HomeAssistant(spec.prefix(), spec.discoveryPrefix());
        Mqtt3ClientBuilder b = MqttClient.builder().useMqttVersion3().identifier(spec.clientId())
                .serverHost(spec.host()).serverPort(spec.port())
                .automaticReconnect().initialDelay(1, TimeUnit.SECONDS).maxDelay(60, TimeUnit.SECONDS)
                .applyAutomaticReconnect()
                .addConnectedListener(c -> Thread.ofVirtual().name("mqtt-publish-all").start(this::publishAll));
        if (spec.tls()) {
            b = b.sslConfig(ssl(spec));
        }
        if (spec.user() != null) {
            b = b.simpleAuth().username(spec.user())
                    .password(Objects.requireNonNullElse(spec.password(), "").getBytes(StandardCharsets.UTF_8))
                    .applySimpleAuth();
        }
        this.client = b.willPublish().topic(ha.availabilityTopic()).payload(bytes("offline"))
                .qos(MqttQos.AT_LEAST_ONCE).retain(true).applyWillPublish().buildAsync();
    }

    /** Connects (retrying by itself until closed) and follows the hub. */
    public void start() {
        subscription = hub.subscribe("mqtt-" + spec.name(), this::onEvent);
        client.connectWith().cleanSession(true).keepAlive(30).send().whenComplete((ack, e) -> {
            if (e != null) {
                LOG.warn("{}: cannot connect yet ({}); retrying", spec, e.getMessage());
            } else {
                LOG.info("{}: connected", spec);
            }
        });
    }

    @Override
    public String name() {
        return spec.name();
    }

    @Override
    public void send(Outbox.Item item) throws Exception {
        if (!client.getState().isConnected()) {
            throw new java.io.IOException("not connected to the broker " + spec.host() + ":" + spec.port());
        }
        client.publishWith().topic(ha.eventTopic()).payload(HttpPost.JSON.writeValueAsBytes(item.payload()))
                .qos(MqttQos.AT_LEAST_ONCE).send().get(SEND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    private void onEvent(UpsEvent e) {
        if (!client.getState().isConnected()) {
            return; // everything is published again on connection
        }
        switch (e) {
            case UpsEvent.StateChanged s -> publishUps(s.current());
            case UpsEvent.ClientChanged c -> publishHost(c.client(), c.ups());
            default -> { }
        }
    }

    private void publishAll() {
        publish(ha.availabilityTopic(), "online");
        lastDiscovery.clear();
        lastAvailability.clear();
        hub.snapshots().forEach(this::publishUps);
        for (ClientState c : clients.all()) {
            clients.upsOf(c.host()).ifPresent(u -> publishHost(c, u));
        }
    }

    private void publishUps(UpsSnapshot s) {
        if (spec.discovery()) {
            List<HomeAssistant.Publish> d = ha.upsDiscovery(s);
            // again only when the set of entities changed (a variable appeared, a sentinel was added)
            List<String> topics = d.stream().map(HomeAssistant.Publish::topic).toList();
            if (!topics.equals(lastDiscovery.put("ups/" + s.name().value(), topics))) {
                d.forEach(p -> publish(p.topic(), p.payload()));
            }
        }
        publish(ha.upsTopic(s.name().value()), HomeAssistant.upsState(s));
        String available = hub.availability(s) == Availability.OK ? "online" : "offline";
        if (!available.equals(lastAvailability.put(s.name().value(), available))) {
            publish(ha.upsAvailabilityTopic(s.name().value()), available);
        }
    }

    private void publishHost(ClientState c, UpsName ups) {
        if (spec.discovery() && lastDiscovery.putIfAbsent("host/" + c.host(), ups.value()) == null) {
            ha.hostDiscovery(c.host(), ups.value()).forEach(p -> publish(p.topic(), p.payload()));
        }
        publish(ha.hostTopic(c.host()), HomeAssistant.hostState(c, ups.value()));
    }

    private void publish(String topic, Object payload) {
        byte[] b = payload instanceof String s ? bytes(s) : HttpPost.JSON.writeValueAsBytes(payload);
        client.publishWith().topic(topic).payload(b).qos(MqttQos.AT_LEAST_ONCE).retain(true).send()
                .whenComplete((r, e) -> {
                    if (e != null) {
                        LOG.debug("{}: publishing {} failed: {}", spec, topic, e.getMessage());
                    }
                });
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static MqttClientSslConfig ssl(ChannelSpec.Mqtt spec) throws Exception {
        if (spec.caFile() == null) {
            return MqttClientSslConfig.builder().build();
        }
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        try (var in = java.nio.file.Files.newInputStream(spec.caFile())) {
            int i = 0;
            for (var cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                ks.setCertificateEntry("ca" + i++, (X509Certificate) cert);
            }
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        return MqttClientSslConfig.builder().trustManagerFactory(tmf).build();
    }

    /** Says offline (retained) and disconnects. */
    @Override
    public void close() {
        if (subscription != null) {
            subscription.close();
        }
        try {
            if (client.getState().isConnected()) {
                client.publishWith().topic(ha.availabilityTopic()).payload(bytes("offline"))
                        .qos(MqttQos.AT_LEAST_ONCE).retain(true).send().get(5, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            LOG.debug("{}: could not say offline: {}", spec, e.getMessage());
        } finally {
            client.disconnect();
        }
    }

    @Override
    public String toString() {
        return spec.toString();
    }
}
