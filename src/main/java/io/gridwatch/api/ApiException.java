package io.gridwatch.api;

/**
 * A request that cannot be served, as an RFC 9457 problem: status, a short title, a detail naming what is wrong,
 * and the field at fault (a JSON pointer-like path or a parameter name) when there is one. Thrown by handlers,
 * turned into {@code application/problem+json} in one place. Never carries a stack trace to the client.
 */
public final class ApiException extends RuntimeException {
    private final int status;
    private final String title;
    private final String field;
    private final transient Object extra;

    public ApiException(int status, String title, String detail, String field, Object extra) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.field = field;
        this.extra = extra;
    }

    public static ApiException badRequest(String field, String detail) {
        return new ApiException(400, "Invalid request", detail, field, null);
    }

    public static ApiException unprocessable(String detail, Object problems) {
        return new ApiException(422, "Invalid configuration", detail, null, problems);
    }

    public static ApiException notFound(String detail) {
        return new ApiException(404, "Not found", detail, null, null);
    }

    public static ApiException conflict(String detail) {
        return new ApiException(409, "Conflict", detail, null, null);
    }

    public static ApiException unauthorized(String detail) {
        return new ApiException(401, "Authentication required", detail, null, null);
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(403, "Forbidden", detail, null, null);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String field() {
        return field;
    }

    /** More structure for the client (e.g. every configuration problem), or null. */
    public Object extra() {
        return extra;
    }
}
