package io.gridwatch.server;

import io.gridwatch.hub.UpsName;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which sessions have done LOGIN on which UPS: {@code GET NUMLOGINS} and {@code LIST CLIENT}, and the count a
 * primary upsmon watches while it waits for its secondaries to log out. Thread-safe.
 */
public final class LoginRegistry {
    private final Map<UpsName, Set<SessionState>> logins = new ConcurrentHashMap<>();

    public void login(UpsName ups, SessionState session) {
        Set<SessionState> set = logins.computeIfAbsent(ups, k -> new LinkedHashSet<>());
        synchronized (set) {
            set.add(session);
        }
    }

    public void logout(UpsName ups, SessionState session) {
        Set<SessionState> set = logins.get(ups);
        if (set != null) {
            synchronized (set) {
                set.remove(session);
            }
        }
    }

    public int count(UpsName ups) {
        Set<SessionState> set = logins.get(ups);
        if (set == null) {
            return 0;
        }
        synchronized (set) {
            return set.size();
        }
    }

    /** The sessions logged in to a UPS, oldest first. */
    public List<SessionState> sessions(UpsName ups) {
        Set<SessionState> set = logins.get(ups);
        if (set == null) {
            return List.of();
        }
        synchronized (set) {
            return new ArrayList<>(set);
        }
    }
}
