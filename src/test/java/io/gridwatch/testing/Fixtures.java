package io.gridwatch.testing;

import java.nio.file.Path;
import java.util.Map;

/** The configuration most server tests share: users like upsd.users examples, one typed dummy UPS. */
public final class Fixtures {
    private Fixtures() {
    }

    public static final String DEV = """
            battery.charge: 100
            battery.runtime: 1800
            device.model: Test UPS
            input.transfer.high: 260
            ups.status: OL
            ups.firmware: 1.0
            """;

    public static String yaml(String extraNut) {
        return """
                nut:
                  listen: ["127.0.0.1:0"]
                %s
                  users:
                    admin:        { password: adminpass, actions: [SET, FSD], instcmds: [all] }
                    monprimary:   { password: primarypass, upsmon: primary }
                    monsecondary: { password: secondarypass, upsmon: secondary }
                    viewer:       { password: viewerpass }
                ups:
                  ups:
                    description: "Test UPS"
                    driver: dummy
                    file: ups.dev
                    pollinterval: 200ms
                    commands: [test.battery.start, beeper.toggle]
                    variables:
                      input.sensitivity: { type: string, length: 8, enum: [low, normal, high], value: normal }
                      input.transfer.high: { range: ["250-270", "280-290"] }
                      battery.charge: { writable: false }
                """.formatted(extraNut);
    }

    public static TestServer start(Path dir) throws Exception {
        return start(dir, "");
    }

    /** {@code extraNut}: more lines of the nut: section, indented two spaces. */
    public static TestServer start(Path dir, String extraNut) throws Exception {
        return TestServer.start(dir, yaml(extraNut), Map.of("ups.dev", DEV));
    }
}
