package io.gridwatch.config;

import io.gridwatch.powmonman.PowMonManSettings;
import java.nio.file.Path;
import java.util.List;

/**
 * A validated, frozen server configuration. Built only by {@link ConfigLoader}, which refuses a file with
 * any problem. Immutable.
 *
 * @param source  the file it came from, or null for the embedded demo
 * @param dataDir where state and history live
 */
public record GridwatchConfig(Path source, Path dataDir, NutConfig nut, HttpConfig http, List<UpsConfig> ups,
                              SiteConfig site, io.gridwatch.history.HistorySettings history,
                              io.gridwatch.history.EnergySettings energy,
                              io.gridwatch.notify.NotifySettings notifications, PowMonManSettings powmonman,
                              io.gridwatch.coordination.CoordinationSettings coordination) {
    public GridwatchConfig {
        ups = List.copyOf(ups);
    }
}
