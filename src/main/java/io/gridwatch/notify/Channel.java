package io.gridwatch.notify;

/**
 * One way out (a webhook, ntfy, email...). {@link #send} delivers one notification or throws with a message that
 * says why; it is called from the dispatcher's thread only, one notification at a time.
 */
public interface Channel {
    String name();

    void send(Outbox.Item item) throws Exception;
}
