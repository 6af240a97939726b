package io.gridwatch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Write-only secrets: hidden wherever the YAML puts them, and put back from the file when sent back hidden. */
class SecretsTest {
    static final String FILE = """
            nut:
              users:
                mon: { password: monpass, upsmon: primary }     # flow style
                admin:
                  password: "adm in pass"   # block style, quoted, commented
                  actions: [SET]
                "quoted": {password: 'q1'}
            history:
              url: "jdbc:postgresql://db/gw?user=gw&password=pgpass"
            notify:
              channels:
                ops: { type: discord, url: "https://discord.com/api/webhooks/1/SECRETPART" }
                hook:
                  type: webhook
                  url: https://hooks.example/x?key=k3y
                  headers: { Authorization: "Bearer h3ader" }
                  secret: s1gn
            site: { timezone: "Europe/Paris" }   # 🙂 non-BMP characters before a secret
            ups:
              up: { driver: nut, upstream: "u@h", user: gw, password: 🙂upstream }
            """;

    @Test
    void everySecretIsHiddenInBlockAndFlowStyle() {
        String hidden = Secrets.hide(FILE);
        for (String secret : new String[] {"monpass", "adm in pass", "q1", "pgpass", "SECRETPART", "k3y", "h3ader", "s1gn",
                "🙂upstream"}) {
            assertThat(hidden).as(secret).doesNotContain(secret);
        }
        assertThat(hidden).contains("mon: { password: \"********\", upsmon: primary }     # flow style")
                .contains("password: \"********\"   # block style, quoted, commented")
                .contains("timezone: \"Europe/Paris\"").contains("actions: [SET]").contains("upstream: \"u@h\"");
        assertThat(ConfigText.tree(hidden)).as("still YAML").isNotNull();
    }

    @Test
    void hiddenValuesSentBackKeepTheFilesValuesAndNewOnesReplaceThem() {
        String back = Secrets.hide(FILE).replace("upsmon: primary", "upsmon: secondary");
        String restored = Secrets.restore(back, FILE);
        assertThat(ConfigText.tree(restored).at("/nut/users/mon/password").asString()).isEqualTo("monpass");
        assertThat(ConfigText.tree(restored).at("/nut/users/mon/upsmon").asString()).isEqualTo("secondary");
        assertThat(ConfigText.tree(restored).at("/ups/up/password").asString()).isEqualTo("🙂upstream");
        assertThat(ConfigText.tree(restored).at("/notify/channels/hook/headers/Authorization").asString())
                .isEqualTo("Bearer h3ader");
        String typed = Secrets.restore(Secrets.hide(FILE).replace("mon: { password: \"********\"",
                "mon: { password: \"new one\""), FILE);
        assertThat(ConfigText.tree(typed).at("/nut/users/mon/password").asString()).isEqualTo("new one");
    }

    @Test
    void aNewEntryCannotBorrowAHiddenValue() {
        String next = Secrets.hide(FILE).replace("    admin:\n", "    intruder: { password: \"********\" }\n    admin:\n");
        assertThatThrownBy(() -> Secrets.restore(next, FILE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("line 4: nut.users.intruder.password is ******** but the file has no value there to keep; "
                        + "type the secret itself");
    }

    @Test
    void aTextThatIsNotYamlIsHiddenLineByLine() {
        String broken = "nut:\n  users:\n    mon: { password: monpass, upsmon: primary\n  token: abc\n";
        String hidden = Secrets.hide(broken);
        assertThat(hidden).doesNotContain("monpass").doesNotContain("abc").contains("upsmon: primary");
    }
}
