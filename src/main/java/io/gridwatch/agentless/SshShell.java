package io.gridwatch.agentless;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.auth.UserAuthFactory;
import org.apache.sshd.client.auth.password.UserAuthPasswordFactory;
import org.apache.sshd.client.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.keyprovider.FileKeyPairProvider;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;

/**
 * Logs in to one host over SSH (Apache MINA SSHD's client, one client per attempt so no state is shared between
 * hosts) and runs its command, or, for a check, only logs in. The host key is checked by {@link HostKeyCheck}
 * before anything is sent; only public-key authentication is offered unless a password is configured; nothing of
 * the local {@code ~/.ssh/config} or default identities is used. Blocking: call it off the scheduler.
 */
public final class SshShell {
    /** How much of the command's output a report keeps (the end of it). */
    static final int TAIL = 2000;

    private SshShell() {
    }

    /** Logs in and runs the command. */
    public static SshOutcome run(SshTarget t) {
        return attempt(t, true);
    }

    /**
     * Connects, checks the host key and logs in, then logs out without opening a session: nothing runs on the host
     * (with a forced command in its authorized_keys, any session would run the shutdown).
     */
    public static SshOutcome check(SshTarget t) {
        return attempt(t, false);
    }

    private static SshOutcome attempt(SshTarget t, boolean execute) {
        if (t.key() != null && !Files.isReadable(t.key())) {
            return new SshOutcome(SshOutcome.Kind.LOGIN_REFUSED, null, "", "cannot read the key file " + t.key(), null);
        }
        HostKeyCheck keys = new HostKeyCheck(t);
        SshClient client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(keys);
        client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
        List<UserAuthFactory> auth = new ArrayList<>(List.of(UserAuthPublicKeyFactory.INSTANCE));
        if (t.password() != null) {
            auth.add(UserAuthPasswordFactory.INSTANCE);
        }
        client.setUserAuthFactories(auth);
        client.setKeyIdentityProvider(t.key() == null ? KeyIdentityProvider.EMPTY_KEYS_PROVIDER
                : new FileKeyPairProvider(t.key()));
        client.start();
        String phase = "connecting to " + t.login();
        try (client) {
            ClientSession session = client.connect(t.user(), t.address(), t.port()).verify(t.connectTimeout())
                    .getSession();
            try (session) {
                if (t.password() != null) {
                    session.addPasswordIdentity(t.password());
                }
                phase = "logging in to " + t.login();
                session.auth().verify(t.connectTimeout());
                if (!execute) {
                    return new SshOutcome(SshOutcome.Kind.LOGGED_IN, null, "", "logged in to " + t.login()
                            + " (host key " + keys.presented() + " accepted); the command was not run",
                            keys.presented());
                }
                return exec(t, session, keys.presented());
            }
        } catch (IOException | RuntimeException e) {
            return failure(t, e, phase, keys);
        }
    }

    private static SshOutcome exec(SshTarget t, ClientSession session, String hostKey) throws IOException {
        Tail out = new Tail();
        try (ChannelExec ch = session.createExecChannel(t.command())) {
            ch.setOut(out);
            ch.setErr(out);
            ch.open().verify(t.connectTimeout());
            Set<ClientChannelEvent> ended = ch.waitFor(EnumSet.of(ClientChannelEvent.CLOSED,
                    ClientChannelEvent.EXIT_STATUS), t.commandTimeout());
            if (ended.contains(ClientChannelEvent.EXIT_STATUS)) {
                ch.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), Duration.ofSeconds(2)); // the last output
            }
            Integer code = ch.getExitStatus();
            String text = out.text();
            if (code != null) {
                return code == 0
                        ? new SshOutcome(SshOutcome.Kind.DONE, 0, text, "'" + t.command() + "' exited with status 0",
                        hostKey)
                        : new SshOutcome(SshOutcome.Kind.COMMAND_FAILED, code, text, "'" + t.command()
                        + "' exited with status " + code, hostKey);
            }
            if (ended.contains(ClientChannelEvent.TIMEOUT)) {
                return new SshOutcome(SshOutcome.Kind.COMMAND_FAILED, null, text, "'" + t.command()
                        + "' had not ended after " + t.commandTimeout().toSeconds() + " s", hostKey);
            }
            String signal = ch.getExitSignal();
            return new SshOutcome(SshOutcome.Kind.CLOSED, null, text, "'" + t.command() + "' was started and the "
                    + "connection closed before it ended" + (signal != null ? " (signal " + signal + ")" : "")
                    + ": the host is going down", hostKey);
        }
    }

    private static SshOutcome failure(SshTarget t, Exception e, String phase, HostKeyCheck keys) {
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (keys.refusal() != null) {
            return new SshOutcome(SshOutcome.Kind.HOST_KEY_REFUSED, null, "", keys.refusal(), keys.presented());
        }
        if (phase.startsWith("logging in")) {
            boolean refused = why.contains("No more authentication methods") || why.toLowerCase().contains("auth");
            return new SshOutcome(refused ? SshOutcome.Kind.LOGIN_REFUSED : SshOutcome.Kind.UNREACHABLE, null, "",
                    (refused ? t.login() + " refused the login (" + (t.password() != null ? "key or password"
                            : "key " + t.key()) + " not accepted)" : phase + ": " + why), keys.presented());
        }
        return new SshOutcome(SshOutcome.Kind.UNREACHABLE, null, "", phase + ": " + why, keys.presented());
    }

    /** The last {@link #TAIL} bytes written, as text. */
    private static final class Tail extends OutputStream {
        private final ByteArrayOutputStream all = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            all.write(b);
            trim();
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            all.write(b, off, len);
            trim();
        }

        private void trim() {
            if (all.size() > 4 * TAIL) {
                byte[] b = all.toByteArray();
                all.reset();
                all.write(b, b.length - TAIL, TAIL);
            }
        }

        synchronized String text() {
            byte[] b = all.toByteArray();
            int from = Math.max(0, b.length - TAIL);
            return new String(b, from, b.length - from, StandardCharsets.UTF_8).strip();
        }
    }
}
