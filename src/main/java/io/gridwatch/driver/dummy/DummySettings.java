package io.gridwatch.driver.dummy;

import io.gridwatch.hub.Range;
import io.gridwatch.hub.VarType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Settings of a {@code driver: dummy} UPS: the definition file, how to play it, and what Gridwatch adds to
 * dummy-ups (typed RW variables with ENUM/RANGE, more simulated instant commands). Immutable.
 *
 * @param file      a dummy-ups {@code .dev} or {@code .seq} file
 * @param mode      how TIMER steps are played
 * @param variables declared variables: type, writability, ENUM values or RANGEs
 * @param commands  instant commands offered besides dummy-ups' {@code load.off}
 */
public record DummySettings(Path file, Mode mode, Duration pollInterval, Map<String, VarSpec> variables,
                            List<String> commands) {

    public DummySettings {
        variables = Map.copyOf(variables);
        commands = List.copyOf(commands);
    }

    /** How a file is played: once (stop at the end), in a loop, or by its extension (.seq loops). */
    public enum Mode { AUTO, ONCE, LOOP }

    /**
     * A declared variable. {@code type} null keeps dummy-ups' type; {@code initial} is used when the file does
     * not set the variable.
     */
    public record VarSpec(VarType type, boolean writable, List<String> enumValues, List<Range> ranges,
                          String initial) {
        public VarSpec {
            enumValues = List.copyOf(enumValues);
            ranges = List.copyOf(ranges);
        }
    }
}
