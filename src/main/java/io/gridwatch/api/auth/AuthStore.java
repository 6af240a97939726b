package io.gridwatch.api.auth;

import io.gridwatch.files.AtomicFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.json.JsonMapper;

/**
 * Dashboard users and API tokens, in {@code auth.json} under the data folder (owner-only, written atomically).
 * Passwords are kept as PBKDF2 hashes, tokens as SHA-256 digests: the file never holds a usable secret. A token is
 * shown once, when created. On first run an {@code admin} user gets a generated password, returned once by
 * {@link #open} for printing. The last admin cannot be removed or demoted. Thread-safe.
 */
public final class AuthStore {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A user as stored (the password hash never leaves this class but for saving). */
    public record User(String name, Role role, String password, Instant created, Instant passwordChanged) {
    }

    /**
     * A token as stored: {@code digest} is SHA-256 of the token text, Base64. {@code owner} is the user whose
     * authority it carries (a token is worth at most its owner's current role; null: nobody's, so nothing);
     * {@code hosts} limits a client token to those protected machines (empty: any).
     */
    public record Token(String id, String name, Set<Scope> scopes, String digest, Instant created, String createdBy,
                        String owner, Set<String> hosts) {
        public Token {
            scopes = Set.copyOf(scopes);
            hosts = hosts == null ? Set.of() : Set.copyOf(hosts);
        }
    }

    /** At most this many users and tokens: whatever a caller does, the file stays small. */
    public static final int MAX_USERS = 100;
    public static final int MAX_TOKENS = 1000;

    record Document(int version, List<User> users, List<Token> tokens) {
    }

    /** The store, and the admin password generated on this first run (null when not the first run). */
    public record Opened(AuthStore store, String initialAdminPassword) {
    }

    private final Path file;
    private final int iterations;
    private final Clock clock;
    private final Map<String, User> users = new LinkedHashMap<>();
    private final Map<String, Token> tokens = new LinkedHashMap<>();

    private AuthStore(Path file, int iterations, Clock clock) {
        this.file = file;
        this.iterations = iterations;
        this.clock = clock;
    }

    public static Opened open(Path file, int iterations, Clock clock) throws IOException {
        AuthStore s = new AuthStore(file, iterations, clock);
        if (Files.exists(file)) {
            Document d = JSON.readValue(Files.readString(file, StandardCharsets.UTF_8), Document.class);
            d.users().forEach(u -> s.users.put(u.name(), u));
            d.tokens().forEach(t -> s.tokens.put(t.id(), t));
            s.tokens.replaceAll((id, t) -> t.owner() != null ? t : new Token(t.id(), t.name(), t.scopes(), t.digest(),
                    t.created(), t.createdBy(), s.legacyOwner(t.createdBy(), 0), t.hosts()));
        }
        if (s.users.values().stream().noneMatch(u -> u.role() == Role.ADMIN)) {
            String password = Secrets.password(20);
            Map<String, User> next = new LinkedHashMap<>(s.users);
            next.put("admin", new User("admin", Role.ADMIN, PasswordHash.hash(password, iterations),
                    clock.instant(), clock.instant()));
            s.commit(next, s.tokens);
            return new Opened(s, password);
        }
        return new Opened(s, null);
    }

    public synchronized List<User> users() {
        return List.copyOf(users.values());
    }

    public synchronized Optional<User> user(String name) {
        return Optional.ofNullable(users.get(name));
    }

    /**
     * The user, if the password is right; the same work is done for an unknown name (no timing hint): the password
     * is checked against a real user's hash (an administrator's, as there always is one) and the answer ignored.
     * (A hash made at start-up for the purpose cost a third of a second of every start.)
     */
    public Optional<User> verify(String name, String password) {
        User u;
        String stand;
        synchronized (this) {
            u = users.get(name);
            stand = u != null ? u.password() : users.values().stream().filter(x -> x.role() == Role.ADMIN)
                    .map(User::password).findFirst().orElse(null);
        }
        if (stand == null) {
            PasswordHash.hash(password, iterations); // no user at all: the same cost anyway
            return Optional.empty();
        }
        boolean ok = PasswordHash.verify(password, stand);
        return ok && u != null ? Optional.of(u) : Optional.empty();
    }

    /** The user a token of an earlier version answers to: its creator, or its creator token's owner. */
    private String legacyOwner(String createdBy, int depth) {
        if (createdBy == null || depth > 10) {
            return null;
        }
        if (!createdBy.startsWith("token:")) {
            return createdBy;
        }
        String creator = createdBy.substring("token:".length());
        return tokens.values().stream().filter(t -> t.name().equals(creator)).findFirst()
                .map(t -> t.owner() != null ? t.owner() : legacyOwner(t.createdBy(), depth + 1)).orElse(null);
    }

    public synchronized User addUser(String name, Role role, String password) {
        if (users.containsKey(name)) {
            throw new IllegalStateException("user '" + name + "' exists");
        }
        if (users.size() >= MAX_USERS) {
            throw new IllegalStateException("there are already " + MAX_USERS + " users; remove one first");
        }
        User u = new User(name, role, PasswordHash.hash(password, iterations), clock.instant(), clock.instant());
        Map<String, User> next = new LinkedHashMap<>(users);
        next.put(name, u);
        commit(next, tokens);
        return u;
    }

    public synchronized User update(String name, Role role, String password) {
        User u = users.get(name);
        if (u == null) {
            throw new IllegalArgumentException("no user '" + name + "'");
        }
        if (role != null && role != Role.ADMIN && u.role() == Role.ADMIN && admins() == 1) {
            throw new IllegalStateException("'" + name + "' is the last admin; make another admin first");
        }
        User n = new User(name, role == null ? u.role() : role,
                password == null ? u.password() : PasswordHash.hash(password, iterations), u.created(),
                password == null ? u.passwordChanged() : clock.instant());
        Map<String, User> next = new LinkedHashMap<>(users);
        next.put(name, n);
        commit(next, tokens);
        return n;
    }

    public synchronized boolean deleteUser(String name) {
        User u = users.get(name);
        if (u == null) {
            return false;
        }
        if (u.role() == Role.ADMIN && admins() == 1) {
            throw new IllegalStateException("'" + name + "' is the last admin; make another admin first");
        }
        Map<String, User> next = new LinkedHashMap<>(users);
        next.remove(name);
        commit(next, tokens);
        return true;
    }

    private int admins() {
        return (int) users.values().stream().filter(x -> x.role() == Role.ADMIN).count();
    }

    /**
     * Creates a token; {@code secret} null generates one. Returns the token and its text (shown once).
     *
     * @param owner the user whose authority it carries
     * @param hosts the protected machines a client token may speak for (empty: any)
     */
    public synchronized Map.Entry<Token, String> createToken(String name, Set<Scope> scopes, String secret, String by,
                                                             String owner, Set<String> hosts) {
        if (tokens.size() >= MAX_TOKENS) {
            throw new IllegalStateException("there are already " + MAX_TOKENS + " tokens; revoke some first");
        }
        String text = secret != null ? secret : "gw_" + Secrets.token(32);
        String id = Secrets.token(8);
        Token t = new Token(id, name, scopes, digest(text), clock.instant(), by, owner, hosts);
        Map<String, Token> next = new LinkedHashMap<>(tokens);
        next.put(id, t);
        commit(users, next);
        return Map.entry(t, text);
    }

    public synchronized List<Token> tokens() {
        List<Token> out = new ArrayList<>(tokens.values());
        out.sort(Comparator.comparing(Token::created));
        return out;
    }

    public synchronized boolean deleteToken(String id) {
        if (!tokens.containsKey(id)) {
            return false;
        }
        Map<String, Token> next = new LinkedHashMap<>(tokens);
        next.remove(id);
        commit(users, next);
        return true;
    }

    /** The token with this text; every stored digest is compared, in constant time, whatever matches. */
    public Optional<Token> findToken(String text) {
        byte[] d = Base64.getDecoder().decode(digest(text));
        Token found = null;
        synchronized (this) {
            for (Token t : tokens.values()) {
                if (MessageDigest.isEqual(d, Base64.getDecoder().decode(t.digest()))) {
                    found = t;
                }
            }
        }
        return Optional.ofNullable(found);
    }

    static String digest(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the new content, then takes it in: a failed write changes nothing, on disk or in memory. */
    private void commit(Map<String, User> newUsers, Map<String, Token> newTokens) {
        try {
            byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(
                    new Document(1, List.copyOf(newUsers.values()), List.copyOf(newTokens.values())));
            AtomicFile.write(file, bytes, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save " + file + ": " + e.getMessage(), e);
        }
        if (newUsers != users) {
            users.clear();
            users.putAll(newUsers);
        }
        if (newTokens != tokens) {
            tokens.clear();
            tokens.putAll(newTokens);
        }
    }

    /** Random secrets. */
    static final class Secrets {
        private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

        private Secrets() {
        }

        static String password(int length) {
            StringBuilder sb = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
            }
            return sb.toString();
        }

        static String token(int bytes) {
            byte[] b = new byte[bytes];
            RANDOM.nextBytes(b);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        }
    }
}
