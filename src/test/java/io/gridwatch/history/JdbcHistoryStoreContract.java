package io.gridwatch.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What a database adds to the contract: what was written is there after the store is opened again. */
abstract class JdbcHistoryStoreContract extends HistoryStoreContract {
    /** The same database as the last {@link #open()}, opened again. */
    abstract HistoryStore reopen() throws Exception;

    @Test
    void reopeningKeepsEverythingAndMigratesNothingTwice() throws Exception {
        HistoryStore s = fresh();
        s.write(List.of(new HistoryStore.Sample("rack", "ups.load", t(0), 1)));
        s.events().append(List.of(entry("k1", 1, "rack", "ONBATT", io.gridwatch.hub.EventText.Level.WARNING,
                "on battery", java.util.Map.of())));
        s.close();
        store = reopen();
        store.write(List.of(new HistoryStore.Sample("rack", "ups.load", t(5), 2),
                new HistoryStore.Sample("rack", "battery.charge", t(5), 90)));
        assertThat(store.query("rack", "ups.load", T0, T0.plusSeconds(60), Tier.RAW)).hasSize(2);
        assertThat(store.query("rack", "battery.charge", T0, T0.plusSeconds(60), Tier.RAW)).hasSize(1);
        assertThat(store.events().find(null, null, null, T0, T0.plusSeconds(60), null, 10)).hasSize(1);
    }
}
