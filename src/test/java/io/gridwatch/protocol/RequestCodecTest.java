package io.gridwatch.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every request record formats to a line that decodes back to the same record; argument rules of upsd. */
class RequestCodecTest {

    static List<Request> requests() {
        return List.of(new Request.Ver(), new Request.NetVer(false), new Request.NetVer(true), new Request.Help(),
                new Request.StartTls(), new Request.Username("admin"), new Request.Password("p w\"#\\"),
                new Request.Login("ups"), new Request.Logout(), new Request.Primary("ups", false),
                new Request.Primary("ups", true), new Request.Fsd("ups"), new Request.GetVar("ups", "ups.status"),
                new Request.GetType("ups", "ups.id"), new Request.GetDesc("ups", "battery.charge"),
                new Request.GetCmdDesc("ups", "load.off"), new Request.GetUpsDesc("ups"),
                new Request.GetNumLogins("ups"), new Request.GetTracking(null),
                new Request.GetTracking("2DDC5036-F665-4D29-BE4C-0374D091D263"), new Request.ListUps(),
                new Request.ListVar("ups"), new Request.ListRw("ups"), new Request.ListCmd("ups"),
                new Request.ListEnum("ups", "input.sensitivity"), new Request.ListRange("ups", "input.transfer.high"),
                new Request.ListClient("ups"), new Request.SetVar("ups", "ups.id", "two words \"and\" #more"),
                new Request.SetVar("ups", "ups.id", ""), new Request.SetTracking(true), new Request.SetTracking(false),
                new Request.InstCmd("ups", "load.off", null), new Request.InstCmd("ups", "test.battery.start", "5"));
    }

    @ParameterizedTest
    @MethodSource("requests")
    void formatThenDecodeGivesTheSameRequest(Request r) {
        assertThat(RequestDecoder.decode(NutTokenizer.split(r.toLine()))).isEqualTo(r);
    }

    @Test
    void verbsAndSubcommandsIgnoreCase() {
        assertThat(RequestDecoder.decode(List.of("get", "var", "UPS", "UPS.STATUS")))
                .isEqualTo(new Request.GetVar("UPS", "UPS.STATUS"));
        assertThat(RequestDecoder.decode(List.of("set", "tracking", "on"))).isEqualTo(new Request.SetTracking(true));
    }

    @Test
    void unknownVerb() {
        assertThat(RequestDecoder.decode(List.of("FOO"))).isEqualTo(new Request.Invalid(Verb.UNKNOWN, NutError.UNKNOWN_COMMAND));
        assertThat(RequestDecoder.decode(List.of())).isEqualTo(new Request.Invalid(Verb.UNKNOWN, NutError.UNKNOWN_COMMAND));
    }

    @Test
    void missingArgumentsKeepTheVerbForTheUsernameCheck() {
        assertThat(RequestDecoder.decode(List.of("INSTCMD", "ups")))
                .isEqualTo(new Request.Invalid(Verb.INSTCMD, NutError.INVALID_ARGUMENT));
        assertThat(Verb.INSTCMD.requiresUser()).isTrue();
        assertThat(Verb.GET.requiresUser()).isFalse();
    }

    @Test
    void extraWordsAreIgnoredWhereUpsdIgnoresThem() {
        assertThat(RequestDecoder.decode(List.of("GET", "VAR", "ups", "x", "extra"))).isEqualTo(new Request.GetVar("ups", "x"));
        assertThat(RequestDecoder.decode(List.of("LIST", "UPS", "extra"))).isEqualTo(new Request.ListUps());
        assertThat(RequestDecoder.decode(List.of("STARTTLS", "x"))).isEqualTo(new Request.StartTls());
    }

    @Test
    void extraWordsAreRefusedWhereUpsdRefusesThem() {
        for (String verb : List.of("VER", "NETVER", "HELP", "LOGOUT")) {
            assertThat(RequestDecoder.decode(List.of(verb, "x"))).isInstanceOf(Request.Invalid.class);
        }
        assertThat(RequestDecoder.decode(List.of("LOGIN", "a", "b"))).isInstanceOf(Request.Invalid.class);
    }

    @Test
    void setTrackingNeedsOnOrOff() {
        assertThat(RequestDecoder.decode(List.of("SET", "TRACKING", "MAYBE")))
                .isEqualTo(new Request.Invalid(Verb.SET, NutError.INVALID_ARGUMENT));
    }

    @Test
    void passwordsAreNotPrintedByToString() {
        assertThat(new Request.Password("secret").toString()).doesNotContain("secret");
    }

    @Test
    void quotingEscapesLikeUpsd() {
        assertThat(NutQuoting.quote("a\"b\\c#d")).isEqualTo("\"a\\\"b\\\\c\\#d\"");
        assertThat(NutQuoting.escape("plain")).isSameAs("plain");
    }

    @Test
    void errorTokensAreUpsdsSpelling() {
        assertThat(NutError.DATA_STALE.line()).isEqualTo("ERR DATA-STALE");
        assertThat(NutError.fromToken("already-ssl-mode")).contains(NutError.ALREADY_SSL_MODE);
    }
}
