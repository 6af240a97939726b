package io.gridwatch.server;

import io.gridwatch.driver.Driver;
import io.gridwatch.driver.Reading;
import io.gridwatch.hub.CommandResult;
import io.gridwatch.hub.DeviceState;
import io.gridwatch.hub.Range;
import io.gridwatch.hub.VarType;
import io.gridwatch.hub.Variable;
import java.time.Duration;
import java.util.List;

/**
 * The small driver behind transcript-enum-range.txt (recorded with a test driver, since dummy-ups cannot
 * declare ENUM or RANGE): typed variables, and instant commands that succeed except load.off, which fails.
 */
final class FakeEnumRangeDriver implements Driver {
    private DeviceState state = DeviceState.builder()
            .put(Variable.readOnly("battery.charge", "100"))
            .put(Variable.readOnly("device.model", "Fake ENUM/RANGE UPS"))
            .put(Variable.readOnly("device.type", "ups"))
            .put(new Variable("input.sensitivity", "normal", true, new VarType.Text(8),
                    List.of("low", "normal", "high"), List.of()))
            .put(new Variable("input.transfer.high", "260", true, VarType.NUMBER, List.of(),
                    List.of(new Range(250, 270), new Range(280, 290))))
            .put(new Variable("input.transfer.low", "180", true, VarType.NUMBER, List.of("170", "180", "190"), List.of()))
            .put(new Variable("ups.delay.shutdown", "20", true, VarType.NUMBER, List.of(), List.of(new Range(0, 600))))
            .put(new Variable("ups.id", "rack-1", true, new VarType.Text(16), List.of(), List.of()))
            .put(Variable.readOnly("ups.status", "OL"))
            .commands(List.of("beeper.toggle", "load.off", "test.battery.start"))
            .build();

    @Override
    public Reading open(boolean drilling) {
        return Reading.of(state);
    }

    @Override
    public Reading poll(boolean drilling) {
        return Reading.of(state);
    }

    @Override
    public Duration pollInterval() {
        return Duration.ofSeconds(1);
    }

    @Override
    public CommandResult setVar(String var, String value) {
        state = state.toBuilder().set(var, value).build();
        return CommandResult.SUCCESS;
    }

    @Override
    public CommandResult instCmd(String cmd, String param) {
        return cmd.equals("load.off") ? CommandResult.FAILED : CommandResult.SUCCESS;
    }

    @Override
    public void close() {
    }
}
