package io.gridwatch.client;

import io.gridwatch.protocol.NutError;
import java.io.IOException;

/**
 * A NUT server answered {@code ERR <token>} (then {@link #error()} says which), or something other than the
 * protocol allows. Carries the server's reply for messages like upscmd's "Unexpected response from upsd".
 */
public final class NutException extends IOException {
    private final NutError error;
    private final String reply;

    public NutException(NutError error, String reply) {
        super(reply);
        this.error = error;
        this.reply = reply;
    }

    /** The error token, or null when the reply was not an ERR line. */
    public NutError error() {
        return error;
    }

    public String reply() {
        return reply;
    }
}
