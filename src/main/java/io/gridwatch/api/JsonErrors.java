package io.gridwatch.api;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own errors (a request it cannot parse, a URI or headers too long, a body over the limit) as the same
 * JSON problems the routes answer, never Jetty's HTML page, and in our words: the parser's message is not passed
 * on. Stateless.
 */
final class JsonErrors extends ErrorHandler {
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus() < 400 ? 500 : response.getStatus();
        String detail = switch (status) {
            case 400 -> "the request could not be read as HTTP";
            case 413 -> "the request is too large (at most 1 MB)";
            case 414 -> "the request's address is too long";
            case 431 -> "the request's headers are too large";
            case 505 -> "this HTTP version is not supported";
            default -> status >= 500 ? "the server could not answer this request" : "the request was refused";
        };
        String title = org.eclipse.jetty.http.HttpStatus.getMessage(status);
        byte[] body = Json.MAPPER.writeValueAsString(Problems.body(status, title, detail, null, null))
                .getBytes(StandardCharsets.UTF_8);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/problem+json");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }
}
