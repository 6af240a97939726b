package io.gridwatch.server;

import io.gridwatch.hub.UpsName;
import java.time.Instant;

/**
 * The protocol state of one NUT connection: who it says it is, which UPS it logged in to, whether tracking
 * and TLS are on. Changed only by the connection's own event-loop thread; the immutable fields (id, address,
 * start) may be read from anywhere, e.g. for LIST CLIENT.
 */
public final class SessionState {
    private final long id;
    private final String address;
    private final Instant connectedAt;
    private volatile String username;
    private String password;
    private volatile UpsName loginUps;
    private boolean tracking;
    private volatile boolean tls;

    public SessionState(long id, String address, Instant connectedAt) {
        this.id = id;
        this.address = address;
        this.connectedAt = connectedAt;
    }

    public long id() {
        return id;
    }

    /** The peer's address as upsd prints it ({@code 127.0.0.1}, {@code ::1}). */
    public String address() {
        return address;
    }

    public Instant connectedAt() {
        return connectedAt;
    }

    public String username() {
        return username;
    }

    void username(String value) {
        username = value;
    }

    private boolean verified;

    /** Whether this session's credentials were found right once (later checks skip the login guard). */
    boolean verified() {
        return verified;
    }

    void verified(boolean v) {
        verified = v;
    }

    String password() {
        return password;
    }

    void password(String value) {
        password = value;
    }

    public UpsName loginUps() {
        return loginUps;
    }

    void loginUps(UpsName value) {
        loginUps = value;
    }

    boolean tracking() {
        return tracking;
    }

    void tracking(boolean value) {
        tracking = value;
    }

    public boolean tls() {
        return tls;
    }

    void tls(boolean value) {
        tls = value;
    }
}
