package io.gridwatch.cli;

import io.gridwatch.client.NutSession;
import java.io.IOException;

/** Waits for a TRACKING result, as upscmd/upsrw {@code -w} do (polling, up to a timeout). Stateless. */
final class Tracking {
    private Tracking() {
    }

    /** The final reply (SUCCESS or an ERR line), or null when the timeout passed while still PENDING. */
    static String await(NutSession s, String id, int timeoutSeconds) throws IOException {
        long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
        while (true) {
            String r = s.tracking(id);
            if (!r.equals("PENDING")) {
                return r;
            }
            if (System.nanoTime() > deadline) {
                return null;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }
}
