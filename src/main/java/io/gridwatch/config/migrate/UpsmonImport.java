package io.gridwatch.config.migrate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Converts {@code upsmon.conf} (and {@code upssched.conf} when upsmon's NOTIFYCMD is upssched) into the agent's
 * configuration: MONITOR lines, MINSUPPLIES, SHUTDOWNCMD, FINALDELAY, HOSTSYNC, DEADTIME, OBLBDURATION, the
 * warning intervals, NOTIFYCMD with the types NOTIFYFLAG gives EXEC, and upssched's timers. The agent follows
 * upsmon's rules, so the same settings mean the same. Stateless.
 */
public final class UpsmonImport {
    /** Directives that are seconds in upsmon.conf and durations in the agent, with the agent's key. */
    private static final Map<String, String> SECONDS = Map.of("FINALDELAY", "final_delay", "HOSTSYNC", "hostsync",
            "DEADTIME", "deadtime", "NOCOMMWARNTIME", "nocomm_warn", "RBWARNTIME", "replbatt_warn",
            "OBLBDURATION", "ob_lb_duration");
    private static final Set<String> TYPES = Set.of("ONLINE", "ONBATT", "LOWBATT", "FSD", "COMMOK", "COMMBAD",
            "SHUTDOWN", "REPLBATT", "NOCOMM", "CAL", "NOTCAL", "OFF", "NOTOFF", "BYPASS", "NOTBYPASS");
    private static final String FILE = "upsmon.conf";
    private static final String SCHED = "upssched.conf";

    private UpsmonImport() {
    }

    /** @param upssched the text of upssched.conf beside it, or null */
    public static Migration convert(String text, String upssched) {
        Report r = new Report();
        YamlText y = new YamlText();
        y.comment("Imported from upsmon.conf by 'gridwatch import upsmon'. Check it with "
                + "'gridwatch agent --config FILE --check'.");
        Map<String, String> monitors = new LinkedHashMap<>(); // ups@host → key
        List<String> monitorLines = new ArrayList<>();
        List<String> scalars = new ArrayList<>();
        String notifyCmd = null;
        int notifyLine = 0;
        Set<String> exec = new LinkedHashSet<>();
        for (NutConf.Line l : NutConf.directives(text)) {
            String d = l.first().toUpperCase(Locale.ROOT);
            List<String> a = l.args();
            if (d.equals("MONITOR")) {
                if (a.size() != 5) {
                    r.notCarried(FILE, l.number(), "MONITOR needs: ups@host[:port] powervalue user password role");
                    continue;
                }
                String key = unique(monitors.values(), YamlText.key(a.get(0).split("@")[0]));
                monitors.put(a.get(0), key);
                String role = switch (a.get(4).toLowerCase(Locale.ROOT)) {
                    case "master", "primary" -> "primary";
                    case "slave", "secondary" -> "secondary";
                    default -> a.get(4);
                };
                monitorLines.add("  " + key + ": { ups: " + YamlText.q(a.get(0)) + ", power_value: " + number(a.get(1))
                        + ", user: " + YamlText.q(a.get(2)) + ", password: " + YamlText.q(a.get(3)) + ", role: "
                        + role + " }");
            } else if (d.equals("MINSUPPLIES") && a.size() == 1 && a.get(0).matches("\\d{1,4}")) {
                scalars.add("min_supplies: " + a.get(0) + "   # MINSUPPLIES");
            } else if (d.equals("SHUTDOWNCMD") && a.size() == 1) {
                scalars.add("shutdown_command: " + YamlText.list(command(a.get(0))) + "   # SHUTDOWNCMD");
            } else if (SECONDS.containsKey(d) && a.size() == 1 && a.get(0).matches("\\d{1,7}")) {
                scalars.add(SECONDS.get(d) + ": " + a.get(0) + "s   # " + d);
            } else if (d.equals("NOTIFYCMD") && a.size() == 1) {
                notifyCmd = a.get(0);
                notifyLine = l.number();
            } else if (d.equals("NOTIFYFLAG") && a.size() == 2) {
                String type = a.get(0).toUpperCase(Locale.ROOT);
                Set<String> flags = Set.of(a.get(1).toUpperCase(Locale.ROOT).split("\\+"));
                if (!TYPES.contains(type)) {
                    r.notCarried(FILE, l.number(), "NOTIFYFLAG " + a.get(0) + ": not a notification type");
                    continue;
                }
                if (flags.contains("EXEC")) {
                    exec.add(type);
                }
                if (flags.contains("WALL")) {
                    r.notCarried(FILE, l.number(), "NOTIFYFLAG " + type + " WALL: the agent writes no wall messages "
                            + "(it logs every notification)");
                }
            } else {
                r.notCarried(FILE, l.number(), switch (d) {
                    case "POLLFREQ", "POLLFREQALERT" -> d + ": the agent polls every 500 ms (one GET VAR on a held "
                            + "connection); set poll and poll_on_battery to slow it";
                    case "POWERDOWNFLAG" -> "POWERDOWNFLAG: the agent does not cut the UPS's power after the shutdown";
                    case "RUN_AS_USER" -> "RUN_AS_USER: the agent's service unit sets its user";
                    case "NOTIFYMSG" -> "NOTIFYMSG: the agent's messages are its own";
                    case "CERTPATH", "CERTIDENT", "CERTHOST", "CERTVERIFY", "FORCESSL" -> d + ": NUT's TLS settings "
                            + "for upsmon are not the agent's";
                    case "DEBUG_MIN" -> "DEBUG_MIN: use --log-level";
                    default -> "'" + l.first() + "' with " + a.size() + " arguments is not an upsmon.conf "
                            + "directive the agent has";
                });
            }
        }
        if (monitors.isEmpty()) {
            throw new IllegalArgumentException(FILE + " has no MONITOR line: nothing to protect this machine from");
        }
        y.line("monitor:");
        monitorLines.forEach(y::line);
        scalars.forEach(y::line);
        boolean upsschedUsed = notifyCmd != null && notifyCmd.strip().replaceAll(".*/", "").startsWith("upssched");
        if (notifyCmd != null && !upsschedUsed) {
            if (exec.isEmpty()) {
                r.notCarried(FILE, notifyLine, "NOTIFYCMD: no NOTIFYFLAG has EXEC, so upsmon never ran it");
            } else {
                y.line("notify:");
                List<String> cmd = new ArrayList<>(command(notifyCmd));
                if (cmd.get(0).equals("/bin/sh")) {
                    // the message comes as the last argument: hand it to the shell command as "$1", as upsmon does
                    cmd.set(2, cmd.get(2) + " \"$1\"");
                    cmd.add("notifycmd");
                }
                y.line("  command: " + YamlText.list(cmd) + "   # NOTIFYCMD");
                y.line("  types: [" + String.join(", ", exec) + "]   # the NOTIFYFLAGs with EXEC");
            }
        }
        if (upsschedUsed) {
            if (upssched == null) {
                r.todo("NOTIFYCMD is upssched but no upssched.conf is beside upsmon.conf: add its timers under timers:");
            } else {
                timers(upssched, monitors, exec, y, r);
            }
        } else if (upssched != null) {
            r.notCarried(SCHED, "upsmon's NOTIFYCMD is not upssched, so upsmon never used this file; not read");
        }
        return new Migration(y.toString(), true, r, List.of());
    }

    private static void timers(String text, Map<String, String> monitors, Set<String> exec, YamlText y, Report r) {
        String script = null;
        record Timer(Set<String> start, Set<String> cancel, String after, Set<String> ups) {
        }
        Map<String, Timer> timers = new LinkedHashMap<>();
        for (NutConf.Line l : NutConf.directives(text)) {
            String d = l.first().toUpperCase(Locale.ROOT);
            List<String> a = l.args();
            switch (d) {
                case "CMDSCRIPT" -> script = a.isEmpty() ? null : a.get(0);
                case "PIPEFN", "LOCKFN" -> r.notCarried(SCHED, l.number(), d + ": the agent's timers run inside it; "
                        + "no pipe or lock file");
                case "AT" -> {
                    if (a.size() < 3) {
                        r.notCarried(SCHED, l.number(), "AT needs: notifytype upsname command");
                        break;
                    }
                    String type = a.get(0).toUpperCase(Locale.ROOT);
                    String ups = a.get(1);
                    String what = a.get(2).toUpperCase(Locale.ROOT);
                    if (!TYPES.contains(type)) {
                        r.notCarried(SCHED, l.number(), "AT " + a.get(0) + ": not a notification type");
                        break;
                    }
                    if (!exec.contains(type)) {
                        r.notCarried(SCHED, l.number(), "AT " + type + ": upsmon.conf has no NOTIFYFLAG " + type
                                + " EXEC, so upsmon never told upssched; carried anyway (the agent tells its timers "
                                + "every notification)");
                    }
                    String upsKey = ups.equals("*") ? "*" : monitors.containsKey(ups) ? ups.replaceFirst(":3493$", "") : null;
                    if (upsKey == null) {
                        r.notCarried(SCHED, l.number(), "AT " + type + " " + ups + ": not a UPS of a MONITOR line");
                        break;
                    }
                    if (what.equals("START-TIMER") && a.size() == 5 && a.get(4).matches("\\d{1,7}")) {
                        Timer t = timers.computeIfAbsent(a.get(3), n -> new Timer(new LinkedHashSet<>(),
                                new LinkedHashSet<>(), a.get(4) + "s", new LinkedHashSet<>()));
                        t.start().add(type);
                        t.ups().add(upsKey);
                    } else if (what.equals("CANCEL-TIMER") && a.size() >= 4) {
                        Timer t = timers.get(a.get(3));
                        if (t == null) {
                            r.notCarried(SCHED, l.number(), "CANCEL-TIMER " + a.get(3) + " before any START-TIMER of it");
                        } else {
                            t.cancel().add(type);
                        }
                        if (a.size() > 4) {
                            r.notCarried(SCHED, l.number(), "CANCEL-TIMER's command '" + a.get(4) + "': the agent "
                                    + "runs nothing when a timer is cancelled");
                        }
                    } else if (what.equals("EXECUTE") && a.size() == 4) {
                        Timer t = timers.computeIfAbsent("execute-" + YamlText.key(a.get(3)), n -> new Timer(
                                new LinkedHashSet<>(), new LinkedHashSet<>(), "0s", new LinkedHashSet<>()));
                        t.start().add(type);
                        t.ups().add(upsKey);
                    } else {
                        r.notCarried(SCHED, l.number(), "AT ... " + a.get(2) + ": not START-TIMER name seconds, "
                                + "CANCEL-TIMER name or EXECUTE command");
                    }
                }
                default -> r.notCarried(SCHED, l.number(), "'" + l.first() + "' is not an upssched.conf directive");
            }
        }
        if (timers.isEmpty()) {
            return;
        }
        if (script == null) {
            r.todo("upssched.conf has no CMDSCRIPT: set each timers.<name>.command");
        }
        y.line("timers:");
        for (Map.Entry<String, Timer> e : timers.entrySet()) {
            Timer t = e.getValue();
            String name = e.getKey().startsWith("execute-") ? e.getKey().substring(8) : e.getKey();
            List<String> cmd = List.of(script == null ? "/bin/true" : script, name);
            StringBuilder sb = new StringBuilder("  ").append(YamlText.key(e.getKey())).append(": { start_on: [")
                    .append(String.join(", ", t.start())).append("]");
            if (!t.cancel().isEmpty()) {
                sb.append(", cancel_on: [").append(String.join(", ", t.cancel())).append("]");
            }
            sb.append(", after: ").append(t.after()).append(", command: ").append(YamlText.list(cmd));
            if (t.ups().size() == 1 && !t.ups().contains("*")) {
                sb.append(", ups: ").append(YamlText.q(t.ups().iterator().next()));
            }
            y.line(sb.append(" }   # upssched: CMDSCRIPT with the timer's name").toString());
        }
    }

    /** A command line as upsmon gives it to the shell: plain words split, anything else through /bin/sh -c. */
    static List<String> command(String line) {
        if (line.matches("[A-Za-z0-9_./+=:,@%-]+( [A-Za-z0-9_./+=:,@%-]+)*")) {
            return List.of(line.split(" "));
        }
        return List.of("/bin/sh", "-c", line);
    }

    private static String number(String s) {
        return s.matches("\\d{1,4}") ? s : "1";
    }

    private static String unique(java.util.Collection<String> used, String name) {
        String n = name;
        for (int i = 2; used.contains(n); i++) {
            n = name + "-" + i;
        }
        return n;
    }
}
