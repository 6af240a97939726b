package io.gridwatch.history;

import io.gridwatch.journal.EventJournal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import tools.jackson.databind.json.JsonMapper;

/** The event archive in history's database (table {@code events}), details as JSON text. */
final class JdbcEventArchive implements EventArchive {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final DataSource pool;

    JdbcEventArchive(DataSource pool) {
        this.pool = pool;
    }

    @Override
    public void append(List<EventJournal.Entry> entries) throws SQLException {
        if (entries.isEmpty()) {
            return;
        }
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO events (ts, ups, type, level, message, details, event_key) VALUES (?, ?, ?, ?, ?, ?, ?) "
                            + "ON CONFLICT (event_key) DO NOTHING")) {
                for (EventJournal.Entry e : entries) {
                    p.setLong(1, e.at().toEpochMilli());
                    p.setString(2, e.ups());
                    p.setString(3, e.type());
                    p.setString(4, e.level().name().toLowerCase(Locale.ROOT));
                    p.setString(5, EventArchive.message(e));
                    p.setString(6, detailsJson(e.details()));
                    p.setString(7, e.key());
                    p.addBatch();
                }
                p.executeBatch();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }

    @Override
    public List<ArchivedEvent> find(String ups, String type, String level, Instant from, Instant to, Long before,
                                    int limit) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT id, ts, ups, type, level, message, acked_at, acked_by, details "
                + "FROM events WHERE ts >= ? AND ts < ?");
        List<Object> args = new ArrayList<>(List.of(from.toEpochMilli(), to.toEpochMilli()));
        filter(sql, args, " AND LOWER(ups) = LOWER(?)", ups);
        filter(sql, args, " AND type = ?", type);
        filter(sql, args, " AND level = ?", level);
        filter(sql, args, " AND id < ?", before);
        sql.append(" ORDER BY id DESC LIMIT ").append(limit);
        List<ArchivedEvent> out = new ArrayList<>();
        try (Connection c = pool.getConnection(); PreparedStatement p = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                p.setObject(i + 1, args.get(i));
            }
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(event(r));
                }
            }
        }
        return out;
    }

    private static void filter(StringBuilder sql, List<Object> args, String clause, Object value) {
        if (value != null) {
            sql.append(clause);
            args.add(value);
        }
    }

    private static ArchivedEvent event(ResultSet r) throws SQLException {
        long acked = r.getLong(7);
        boolean wasAcked = !r.wasNull();
        return new ArchivedEvent(r.getLong(1), Instant.ofEpochMilli(r.getLong(2)), r.getString(3), r.getString(4),
                r.getString(5), r.getString(6), details(r.getString(9)), wasAcked ? Instant.ofEpochMilli(acked) : null,
                r.getString(8));
    }

    /** An event's details as stored: JSON, null when empty or longer than {@link #MAX_DETAILS}. */
    static String detailsJson(Map<String, Object> details) {
        if (details == null || details.isEmpty()) {
            return null;
        }
        String json = JSON.writeValueAsString(details);
        return json.length() > MAX_DETAILS ? null : json;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> details(String json) {
        if (json == null || json.isEmpty()) {
            return Map.of();
        }
        try {
            return JSON.readValue(json, LinkedHashMap.class);
        } catch (RuntimeException e) {
            return Map.of();
        }
    }

    @Override
    public boolean ack(long id, String by, Instant at) throws SQLException {
        try (Connection c = pool.getConnection(); PreparedStatement p = c.prepareStatement(
                "UPDATE events SET acked_at = ?, acked_by = ? WHERE id = ? AND acked_at IS NULL")) {
            p.setLong(1, at.toEpochMilli());
            p.setString(2, by);
            p.setLong(3, id);
            return p.executeUpdate() == 1;
        }
    }
}
