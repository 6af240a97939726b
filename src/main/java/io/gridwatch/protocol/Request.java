package io.gridwatch.protocol;

/**
 * One decoded request line of the NUT network protocol. Records under a sealed interface so that the
 * server's dispatch is an exhaustive {@code switch}; {@link #toLine()} gives the wire form our client sends,
 * and {@link RequestDecoder#decode} reads it back. Names are kept as the peer typed them: upsd echoes them
 * that way. Immutable.
 */
public sealed interface Request {

    /** The verb, for the USERNAME-REQUIRED check that precedes argument checks. */
    Verb verb();

    /** The request as a protocol line, without the terminating LF. */
    String toLine();

    private static String w(String s) {
        return NutQuoting.word(s);
    }

    record Ver() implements Request {
        public Verb verb() { return Verb.VER; }
        public String toLine() { return "VER"; }
    }

    record NetVer(boolean protver) implements Request {
        public Verb verb() { return protver ? Verb.PROTVER : Verb.NETVER; }
        public String toLine() { return protver ? "PROTVER" : "NETVER"; }
    }

    record Help() implements Request {
        public Verb verb() { return Verb.HELP; }
        public String toLine() { return "HELP"; }
    }

    record StartTls() implements Request {
        public Verb verb() { return Verb.STARTTLS; }
        public String toLine() { return "STARTTLS"; }
    }

    record Username(String name) implements Request {
        public Verb verb() { return Verb.USERNAME; }
        public String toLine() { return "USERNAME " + w(name); }
    }

    record Password(String password) implements Request {
        public Verb verb() { return Verb.PASSWORD; }
        public String toLine() { return "PASSWORD " + w(password); }
        @Override
        public String toString() { return "Password[****]"; }
    }

    record Login(String ups) implements Request {
        public Verb verb() { return Verb.LOGIN; }
        public String toLine() { return "LOGIN " + w(ups); }
    }

    record Logout() implements Request {
        public Verb verb() { return Verb.LOGOUT; }
        public String toLine() { return "LOGOUT"; }
    }

    /** PRIMARY, or its legacy spelling MASTER (answered with MASTER-GRANTED). */
    record Primary(String ups, boolean legacyMaster) implements Request {
        public Verb verb() { return legacyMaster ? Verb.MASTER : Verb.PRIMARY; }
        public String toLine() { return (legacyMaster ? "MASTER " : "PRIMARY ") + w(ups); }
    }

    record Fsd(String ups) implements Request {
        public Verb verb() { return Verb.FSD; }
        public String toLine() { return "FSD " + w(ups); }
    }

    record GetVar(String ups, String var) implements Request {
        public Verb verb() { return Verb.GET; }
        public String toLine() { return "GET VAR " + w(ups) + " " + w(var); }
    }

    record GetType(String ups, String var) implements Request {
        public Verb verb() { return Verb.GET; }
        public String toLine() { return "GET TYPE " + w(ups) + " " + w(var); }
    }

    record GetDesc(String ups, String var) implements Request {
        public Verb verb() { return Verb.GET; }
        public String toLine() { return "GET DESC " + w(ups) + " " + w(var); }
    }

    record GetCmdDesc(String ups, String cmd) implements Request {
        public Verb verb() { return Verb.GET; }
        public String toLine() { return "GET CMDDESC " + w(ups) + " " + w(cmd); }
    }

    record GetUpsDesc(String ups) implements Request {
        public Verb verb() { return Verb.GET; }
        public String toLine() { return "GET UPSDESC " + w(ups); }
    }

    record GetNumLogins(String ups) implements Request {
        public Verb verb() { return Verb.GET; }
        public String toLine() { return "GET NUMLOGINS " + w(ups); }
    }

    /** GET TRACKING (is tracking on?) when id is null, else the result of one tracked request. */
    record GetTracking(String id) implements Request {
        public Verb verb() { return Verb.GET; }
        public String toLine() { return id == null ? "GET TRACKING" : "GET TRACKING " + w(id); }
    }

    record ListUps() implements Request {
        public Verb verb() { return Verb.LIST; }
        public String toLine() { return "LIST UPS"; }
    }

    record ListVar(String ups) implements Request {
        public Verb verb() { return Verb.LIST; }
        public String toLine() { return "LIST VAR " + w(ups); }
    }

    record ListRw(String ups) implements Request {
        public Verb verb() { return Verb.LIST; }
        public String toLine() { return "LIST RW " + w(ups); }
    }

    record ListCmd(String ups) implements Request {
        public Verb verb() { return Verb.LIST; }
        public String toLine() { return "LIST CMD " + w(ups); }
    }

    record ListEnum(String ups, String var) implements Request {
        public Verb verb() { return Verb.LIST; }
        public String toLine() { return "LIST ENUM " + w(ups) + " " + w(var); }
    }

    record ListRange(String ups, String var) implements Request {
        public Verb verb() { return Verb.LIST; }
        public String toLine() { return "LIST RANGE " + w(ups) + " " + w(var); }
    }

    record ListClient(String ups) implements Request {
        public Verb verb() { return Verb.LIST; }
        public String toLine() { return "LIST CLIENT " + w(ups); }
    }

    record SetVar(String ups, String var, String value) implements Request {
        public Verb verb() { return Verb.SET; }
        public String toLine() { return "SET VAR " + w(ups) + " " + w(var) + " " + NutQuoting.quote(value); }
    }

    record SetTracking(boolean on) implements Request {
        public Verb verb() { return Verb.SET; }
        public String toLine() { return on ? "SET TRACKING ON" : "SET TRACKING OFF"; }
    }

    /** INSTCMD with an optional parameter (null when absent). */
    record InstCmd(String ups, String cmd, String param) implements Request {
        public Verb verb() { return Verb.INSTCMD; }
        public String toLine() {
            return "INSTCMD " + w(ups) + " " + w(cmd) + (param == null ? "" : " " + NutQuoting.quote(param));
        }
    }

    /** A line that is not a valid request: unknown verb, or arguments upsd rejects. */
    record Invalid(Verb verb, NutError error) implements Request {
        public String toLine() { return verb.name(); }
    }
}
