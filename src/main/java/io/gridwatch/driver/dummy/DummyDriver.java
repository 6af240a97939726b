package io.gridwatch.driver.dummy;

import io.gridwatch.driver.Driver;
import io.gridwatch.driver.Reading;
import io.gridwatch.hub.CommandResult;
import io.gridwatch.hub.DeviceState;
import io.gridwatch.hub.VarType;
import io.gridwatch.hub.Variable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A UPS played from a NUT dummy-ups definition file. A {@code .dev} file is re-read whenever its content
 * changes (edit {@code ups.status: OB LB} into it and clients see it at the next poll); a {@code .seq} file is
 * played step by step, each {@code TIMER n} waiting n seconds of the injected clock, looping at the end.
 * SET VAR changes a value until the file changes; instant commands are simulated by {@link SimulatedCommands}.
 * Driven by a {@link io.gridwatch.driver.DriverRunner}, one call at a time.
 */
public final class DummyDriver implements Driver {
    private static final Logger LOG = LoggerFactory.getLogger(DummyDriver.class);
    private static final Map<String, String> DEFAULTS = Map.of(
            "ups.mfr", "Dummy Manufacturer", "ups.model", "Dummy UPS", "ups.status", "OL");

    private final DummySettings settings;
    private final Clock clock;
    private final TreeMap<String, String> values = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final SimulatedCommands commands;
    private String lastText;
    private DevFile file;
    private int nextStep;
    private Instant nextStepAt;
    private boolean loop;

    public DummyDriver(DummySettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.commands = new SimulatedCommands(values, clock);
    }

    @Override
    public Duration pollInterval() {
        return settings.pollInterval();
    }

    @Override
    public Reading open(boolean drilling) throws IOException {
        load(read());
        return Reading.of(state());
    }

    @Override
    public Reading poll(boolean drilling) throws IOException {
        String text = read();
        if (!text.equals(lastText)) {
            LOG.info("{} changed; reloading", settings.file());
            load(text);
        } else {
            advance();
        }
        commands.tick();
        return Reading.of(state());
    }

    private String read() throws IOException {
        try {
            return Files.readString(settings.file(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new IOException("cannot read " + settings.file() + ": " + e.getMessage(), e);
        }
    }

    private void load(String text) {
        lastText = text;
        file = DevFile.parse(settings.file().toString(), text);
        file.warnings().forEach(w -> LOG.warn("{}", w));
        loop = switch (settings.mode()) {
            case LOOP -> true;
            case ONCE -> false;
            case AUTO -> settings.file().toString().endsWith(".seq");
        };
        values.clear();
        settings.variables().forEach((k, spec) -> {
            if (spec.initial() != null) {
                values.put(k, spec.initial());
            }
        });
        nextStep = 0;
        nextStepAt = clock.instant();
        advance();
        DEFAULTS.forEach(values::putIfAbsent);
        // as dummy-ups: device.mfr, .model and .serial follow ups.*, device.type is "ups"; derived, not writable
        derived.clear();
        for (String k : List.of("mfr", "model", "serial")) {
            String ups = values.get("ups." + k);
            if (!values.containsKey("device." + k) && ups != null) {
                values.put("device." + k, ups);
                derived.add("device." + k);
            }
        }
        if (values.putIfAbsent("device.type", "ups") == null) {
            derived.add("device.type");
        }
    }

    /** Variables the driver made up (not from the file): read-only, as dummy-ups has them. */
    private final java.util.Set<String> derived = new java.util.HashSet<>();

    /** Applies every step that is due by now. */
    private void advance() {
        Instant now = clock.instant();
        int guard = file.steps().size() + 1;
        while (nextStep < file.steps().size() && !now.isBefore(nextStepAt) && guard-- > 0) {
            DevFile.Step step = file.steps().get(nextStep);
            step.assignments().forEach(a -> values.put(a.var(), a.value()));
            nextStepAt = nextStepAt.plusSeconds(step.pauseSeconds());
            nextStep++;
            if (nextStep == file.steps().size() && loop && file.isSequence()) {
                nextStep = 0;
            }
        }
        if (nextStepAt.isBefore(now.minusSeconds(3600))) {
            nextStepAt = now; // clock jumped far ahead: do not replay hours of steps
        }
    }

    private DeviceState state() {
        DeviceState.Builder b = DeviceState.builder();
        values.forEach((name, value) -> b.put(variable(name, value)));
        b.put(Variable.readOnly("driver.name", "gridwatch-dummy"));
        b.put(Variable.readOnly("driver.parameter.mode", loop ? "dummy-loop" : "dummy-once"));
        b.put(Variable.readOnly("driver.parameter.pollinterval",
                Long.toString(Math.max(1, settings.pollInterval().toSeconds()))));
        b.put(Variable.readOnly("driver.parameter.port", settings.file().toString()));
        b.command("load.off");
        b.commands(settings.commands());
        return b.build();
    }

    private Variable variable(String name, String value) {
        DummySettings.VarSpec spec = settings.variables().get(name);
        if (spec == null && derived.contains(name)) {
            return Variable.readOnly(name, value);
        }
        if (spec == null) {
            return new Variable(name, value, true, DummyTypes.typeOf(name), List.of(), List.of());
        }
        VarType type = spec.type() != null ? spec.type() : DummyTypes.typeOf(name);
        return new Variable(name, value, spec.writable(), type, spec.enumValues(), spec.ranges());
    }

    @Override
    public CommandResult setVar(String var, String value) {
        values.put(var, value);
        LOG.info("UPS file {}: {} set to '{}'", settings.file().getFileName(), var, value);
        return CommandResult.SUCCESS;
    }

    @Override
    public CommandResult instCmd(String cmd, String param) {
        boolean declared = settings.commands().stream().anyMatch(c -> c.equalsIgnoreCase(cmd));
        if (!declared) {
            return CommandResult.UNKNOWN; // dummy-ups' built-in load.off: known, not handled
        }
        return commands.run(cmd, param);
    }

    @Override
    public void close() {
        // nothing held open between polls
    }
}
