package io.gridwatch.probe;

import io.gridwatch.tls.TlsTrust;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * An HTTP(S) GET that must come back with the expected status (200 unless configured otherwise); the body is
 * not read. Redirects are not followed, so a 301 can be expected. The question is only "does it answer", and
 * nothing secret is sent, so an HTTPS certificate is not verified: the self-signed admin page of a router is a
 * perfectly good sentinel, and an expired certificate is not a power cut. Thread-safe.
 */
public final class HttpProbe implements Probe {
    private final URI url;
    private final int expect;
    private final HttpClient client;

    public HttpProbe(URI url, int expect) {
        this.url = url;
        this.expect = expect;
        this.client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10)).sslContext(TlsTrust.trustAll()).build();
    }

    @Override
    public ProbeResult probe(Duration timeout) {
        long start = System.nanoTime();
        HttpRequest req = HttpRequest.newBuilder(url).timeout(timeout).GET().build();
        try {
            HttpResponse<Void> r = client.send(req, HttpResponse.BodyHandlers.discarding());
            if (r.statusCode() == expect) {
                return ProbeResult.up(Duration.ofNanos(System.nanoTime() - start));
            }
            return ProbeResult.down("HTTP " + r.statusCode() + ", expected " + expect);
        } catch (HttpTimeoutException e) {
            return ProbeResult.down("no answer within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            return ProbeResult.down(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ProbeResult.error("interrupted");
        }
    }

    @Override
    public String describe() {
        return "http " + url;
    }
}
