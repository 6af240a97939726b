package io.gridwatch.notify;

import io.gridwatch.history.Report;
import java.time.Instant;

/** Makes one UPS's report page for the period of {@code span} ending before {@code now}; throws when it cannot. */
@FunctionalInterface
public interface ReportSource {
    String html(String ups, Report.Span span, Instant now) throws Exception;
}
