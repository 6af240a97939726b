package io.gridwatch.protocol;

import static io.gridwatch.protocol.NutError.INVALID_ARGUMENT;
import static io.gridwatch.protocol.NutError.UNKNOWN_COMMAND;

import java.util.List;
import java.util.Locale;

/**
 * Turns the words of one line into a {@link Request}, with upsd 2.8.0's argument rules: which verbs refuse
 * extra words (VER, NETVER, HELP, LOGOUT, USERNAME, PASSWORD, LOGIN, PRIMARY, FSD), which ignore them (the
 * rest), and which subcommand needs how many (NUT {@code server/netget.c}, {@code netlist.c}, {@code netset.c}).
 * Pure and stateless.
 */
public final class RequestDecoder {
    private RequestDecoder() {
    }

    public static Request decode(List<String> words) {
        if (words.isEmpty()) {
            return new Request.Invalid(Verb.UNKNOWN, UNKNOWN_COMMAND);
        }
        Verb verb = Verb.of(words.get(0));
        List<String> a = words.subList(1, words.size());
        return switch (verb) {
            case VER -> a.isEmpty() ? new Request.Ver() : invalid(verb);
            case NETVER, PROTVER -> a.isEmpty() ? new Request.NetVer(verb == Verb.PROTVER) : invalid(verb);
            case HELP -> a.isEmpty() ? new Request.Help() : invalid(verb);
            case STARTTLS -> new Request.StartTls();
            case LOGOUT -> a.isEmpty() ? new Request.Logout() : invalid(verb);
            case USERNAME -> a.size() == 1 ? new Request.Username(a.get(0)) : invalid(verb);
            case PASSWORD -> a.size() == 1 ? new Request.Password(a.get(0)) : invalid(verb);
            case LOGIN -> a.size() == 1 ? new Request.Login(a.get(0)) : invalid(verb);
            case PRIMARY, MASTER -> a.size() == 1 ? new Request.Primary(a.get(0), verb == Verb.MASTER) : invalid(verb);
            case FSD -> a.size() == 1 ? new Request.Fsd(a.get(0)) : invalid(verb);
            case INSTCMD -> a.size() < 2 ? invalid(verb)
                    : new Request.InstCmd(a.get(0), a.get(1), a.size() > 2 ? a.get(2) : null);
            case GET -> get(a);
            case LIST -> list(a);
            case SET -> set(a);
            case UNKNOWN -> new Request.Invalid(Verb.UNKNOWN, UNKNOWN_COMMAND);
        };
    }

    private static Request get(List<String> a) {
        String sub = a.isEmpty() ? "" : a.get(0).toUpperCase(Locale.ROOT);
        if (sub.equals("TRACKING")) {
            return new Request.GetTracking(a.size() > 1 ? a.get(1) : null);
        }
        if (a.size() >= 2) {
            switch (sub) {
                case "NUMLOGINS": return new Request.GetNumLogins(a.get(1));
                case "UPSDESC": return new Request.GetUpsDesc(a.get(1));
                default: break;
            }
        }
        if (a.size() >= 3) {
            switch (sub) {
                case "VAR": return new Request.GetVar(a.get(1), a.get(2));
                case "TYPE": return new Request.GetType(a.get(1), a.get(2));
                case "DESC": return new Request.GetDesc(a.get(1), a.get(2));
                case "CMDDESC": return new Request.GetCmdDesc(a.get(1), a.get(2));
                default: break;
            }
        }
        return invalid(Verb.GET);
    }

    private static Request list(List<String> a) {
        String sub = a.isEmpty() ? "" : a.get(0).toUpperCase(Locale.ROOT);
        if (sub.equals("UPS")) {
            return new Request.ListUps();
        }
        if (a.size() >= 2) {
            switch (sub) {
                case "VAR": return new Request.ListVar(a.get(1));
                case "RW": return new Request.ListRw(a.get(1));
                case "CMD": return new Request.ListCmd(a.get(1));
                case "CLIENT": return new Request.ListClient(a.get(1));
                default: break;
            }
        }
        if (a.size() >= 3) {
            switch (sub) {
                case "ENUM": return new Request.ListEnum(a.get(1), a.get(2));
                case "RANGE": return new Request.ListRange(a.get(1), a.get(2));
                default: break;
            }
        }
        return invalid(Verb.LIST);
    }

    private static Request set(List<String> a) {
        String sub = a.isEmpty() ? "" : a.get(0).toUpperCase(Locale.ROOT);
        if (sub.equals("VAR") && a.size() >= 4) {
            return new Request.SetVar(a.get(1), a.get(2), a.get(3));
        }
        if (sub.equals("TRACKING") && a.size() >= 2) {
            String v = a.get(1).toUpperCase(Locale.ROOT);
            if (v.equals("ON") || v.equals("OFF")) {
                return new Request.SetTracking(v.equals("ON"));
            }
        }
        return invalid(Verb.SET);
    }

    private static Request invalid(Verb verb) {
        return new Request.Invalid(verb, INVALID_ARGUMENT);
    }
}
