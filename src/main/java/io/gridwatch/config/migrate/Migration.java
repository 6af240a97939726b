package io.gridwatch.config.migrate;

import java.util.List;

/**
 * An import's outcome: the configuration text, the report, and the API tokens to keep (stored by the caller in
 * the auth store, as digests; never written into the file). Immutable.
 *
 * @param agent whether {@code yaml} is an agent's configuration rather than a server's
 */
public record Migration(String yaml, boolean agent, Report report, List<KeptToken> tokens) {
    /** A client token the old clients already send, to be stored under {@code name} with the client scope. */
    public record KeptToken(String name, String secret) {
        @Override
        public String toString() {
            return "KeptToken[" + name + ", secret hidden]";
        }
    }

    public Migration {
        tokens = List.copyOf(tokens);
    }
}
