package io.gridwatch.api;

import io.gridwatch.hub.UpsHub;
import io.gridwatch.hub.UpsSnapshot;
import io.gridwatch.hub.ValueCheck;
import io.gridwatch.hub.Variable;
import java.util.List;
import java.util.Map;

/** {@code /api/v1/ups}: the UPSes, their variables, SET VAR and INSTCMD with the driver's answer. */
final class UpsRoutes {
    private UpsRoutes() {
    }

    static void register(RouteTable t, ApiContext c) {
        t.get("/api/v1/ups", Access.READ).doc("ups", "Every UPS, summarised").response("UpsList")
                .handle(ctx -> ctx.json(list(c)));
        t.get("/api/v1/ups/{name}", Access.READ).doc("ups", "One UPS with all variables, RW variables and commands")
                .response("Ups").handle(ctx -> {
                    UpsSnapshot s = c.ups(ctx.pathParam("name"));
                    ctx.json(Views.ups(c.site().hub(), s, c.site().clients().onBatterySince(s.name()).orElse(null), true));
                });
        t.put("/api/v1/ups/{name}/variables/{var}", Access.CONTROL)
                .doc("ups", "SET VAR: write a variable; answers once the driver has (the TRACKING result)")
                .request("SetVar").response("CommandResult").handle(ctx -> {
                    UpsSnapshot s = c.ups(ctx.pathParam("name"));
                    String var = ctx.pathParam("var");
                    String value = Body.of(ctx.body()).string("value");
                    Variable v = s.device().variable(var)
                            .orElseThrow(() -> ApiException.notFound("UPS '" + s.name() + "' has no variable " + Problems.quote(var)));
                    ValueCheck.Problem p = ValueCheck.check(v, value);
                    if (p != null) {
                        throw ApiException.badRequest("value", refusal(p, v, value));
                    }
                    ApiContext.answer(ctx, c.site().hub().setVar(s.name(), var, value, ApiContext.by(ctx)),
                            Map.of("ups", s.name().value(), "variable", var, "value", value));
                });
        t.post("/api/v1/ups/{name}/commands/{command}", Access.CONTROL)
                .doc("ups", "INSTCMD: run an instant command (optional parameter); answers once the driver has")
                .request("InstCmd").response("CommandResult").handle(ctx -> {
                    UpsSnapshot s = c.ups(ctx.pathParam("name"));
                    String cmd = ctx.pathParam("command");
                    String param = Body.of(ctx.body()).optString("parameter");
                    if (!s.device().hasCommand(cmd)) {
                        throw ApiException.notFound("UPS '" + s.name() + "' offers no command " + Problems.quote(cmd));
                    }
                    ApiContext.answer(ctx, c.site().hub().instCmd(s.name(), cmd, param, ApiContext.by(ctx)),
                            param == null ? Map.of("ups", s.name().value(), "command", cmd)
                                    : Map.of("ups", s.name().value(), "command", cmd, "parameter", param));
                });
    }

    static List<Map<String, Object>> list(ApiContext c) {
        UpsHub hub = c.site().hub();
        return hub.snapshots().stream()
                .map(s -> Views.ups(hub, s, c.site().clients().onBatterySince(s.name()).orElse(null), false)).toList();
    }

    private static String refusal(ValueCheck.Problem p, Variable v, String value) {
        return switch (p) {
            case READ_ONLY -> v.name() + " is read-only";
            case TOO_LONG -> "'" + Problems.quote(value) + "' is longer than " + v.name() + " allows";
            case NOT_IN_ENUM -> "'" + Problems.quote(value) + "' is not one of " + String.join(", ", v.enumValues());
            case OUT_OF_RANGE -> "'" + Problems.quote(value) + "' is outside the allowed ranges of " + v.name();
        };
    }
}
