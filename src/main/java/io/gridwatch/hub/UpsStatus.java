package io.gridwatch.hub;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A parsed {@code ups.status}: the flags we know as an {@link EnumSet}, anything else kept verbatim so that
 * nothing a driver says is lost. Immutable.
 */
public record UpsStatus(Set<StatusFlag> flags, List<String> others) {

    public UpsStatus {
        flags = Collections.unmodifiableSet(flags.isEmpty() ? EnumSet.noneOf(StatusFlag.class) : EnumSet.copyOf(flags));
        others = List.copyOf(others);
    }

    public static UpsStatus parse(String value) {
        EnumSet<StatusFlag> flags = EnumSet.noneOf(StatusFlag.class);
        List<String> others = new ArrayList<>();
        if (value != null) {
            for (String word : value.trim().split("\\s+")) {
                if (word.isEmpty()) {
                    continue;
                }
                StatusFlag.parse(word).ifPresentOrElse(flags::add, () -> others.add(word));
            }
        }
        return new UpsStatus(flags, others);
    }

    public boolean has(StatusFlag flag) {
        return flags.contains(flag);
    }

    public boolean onBattery() {
        return flags.contains(StatusFlag.OB);
    }

    public boolean lowBattery() {
        return flags.contains(StatusFlag.LB);
    }
}
