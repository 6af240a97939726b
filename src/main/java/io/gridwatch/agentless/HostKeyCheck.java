package io.gridwatch.agentless;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.file.NoSuchFileException;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;

/**
 * Decides whether the key a host presents is the one it should have: one of the keys pinned in the configuration
 * (a public key line or its SHA256 fingerprint), or else an entry for the host (name or address, port) in the
 * known_hosts file, hashed entries included; a {@code @revoked} entry refuses. A host not there is refused: never
 * trust on first use. Remembers why it refused, for the report. One per connection attempt.
 */
final class HostKeyCheck implements ServerKeyVerifier {
    private final SshTarget target;
    private volatile String refusal;
    private volatile String presented;

    HostKeyCheck(SshTarget target) {
        this.target = target;
    }

    /** Why the last key was refused, or null. */
    String refusal() {
        return refusal;
    }

    /** The key the host presented, as {@code type SHA256:...}, or null before the key exchange. */
    String presented() {
        return presented;
    }

    static String describe(PublicKey key) {
        return KeyUtils.getKeyType(key) + " " + KeyUtils.getFingerPrint(key);
    }

    @Override
    public boolean verifyServerKey(ClientSession session, SocketAddress remote, PublicKey key) {
        presented = describe(key);
        refusal = check(key);
        return refusal == null;
    }

    /** Null when the key is accepted, else why not. */
    String check(PublicKey key) {
        String fingerprint = KeyUtils.getFingerPrint(key);
        String where = target.address() + ":" + target.port();
        if (!target.hostKeys().isEmpty()) {
            List<String> pinned = new ArrayList<>();
            for (String pin : target.hostKeys()) {
                if (pin.startsWith("SHA256:")) {
                    if (pin.replaceAll("=+$", "").equals(fingerprint.replaceAll("=+$", ""))) {
                        return null;
                    }
                    pinned.add(pin);
                } else {
                    PublicKey p = parse(pin);
                    if (p != null && KeyUtils.compareKeys(p, key)) {
                        return null;
                    }
                    pinned.add(p == null ? "an unreadable key line" : describe(p));
                }
            }
            return "host key of " + where + " is " + describe(key) + ", not the key pinned for host '" + target.host()
                    + "' (" + String.join(", ", pinned) + "): refused (a changed key may mean another machine answers "
                    + "at that address)";
        }
        List<KnownHostEntry> entries;
        try {
            entries = KnownHostEntry.readKnownHostEntries(target.knownHosts());
        } catch (NoSuchFileException e) {
            return "no host key pinned for host '" + target.host() + "' and " + target.knownHosts()
                    + " does not exist: refused (check the key on the host, then pin it with host_key)";
        } catch (IOException | RuntimeException e) {
            return "cannot read " + target.knownHosts() + ": " + e.getMessage();
        }
        boolean listed = false;
        for (KnownHostEntry e : entries) {
            if (e.getKeyEntry() == null || !(e.isHostMatch(target.address(), target.port())
                    || target.port() == 22 && e.isHostMatch(target.address(), 0))) {
                continue;
            }
            PublicKey known = resolve(e.getKeyEntry());
            if (known == null) {
                continue;
            }
            if ("revoked".equals(e.getMarker()) && KeyUtils.compareKeys(known, key)) {
                return "host key of " + where + " (" + describe(key) + ") is marked @revoked in " + target.knownHosts()
                        + ": refused";
            }
            if (e.getMarker() != null) {
                continue; // @cert-authority: host certificates are not used here
            }
            listed = true;
            if (KeyUtils.compareKeys(known, key)) {
                return null;
            }
        }
        if (listed) {
            return "host key of " + where + " is " + describe(key) + " but " + target.knownHosts() + " has another key "
                    + "for it: refused (the host key changed, or another machine answers at that address)";
        }
        return "host " + where + " is not in " + target.knownHosts() + " (its key is " + describe(key) + "): refused, "
                + "never trusted on first use; check that fingerprint on the host (ssh-keygen -lf "
                + "/etc/ssh/ssh_host_ed25519_key.pub), then pin it with host_key or add it to that file";
    }

    private static PublicKey parse(String line) {
        try {
            return PublicKeyEntry.parsePublicKeyEntry(line).resolvePublicKey(null, null,
                    PublicKeyEntryResolver.IGNORING);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            return null;
        }
    }

    private static PublicKey resolve(PublicKeyEntry e) {
        try {
            return e.resolvePublicKey(null, null, PublicKeyEntryResolver.IGNORING);
        } catch (IOException | GeneralSecurityException | RuntimeException x) {
            return null;
        }
    }
}
