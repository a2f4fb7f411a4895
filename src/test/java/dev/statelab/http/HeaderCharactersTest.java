package dev.statelab.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class HeaderCharactersTest {

    // StrictHttpFirewall's own defaults, which the loop replaces
    private static final Pattern NAMES = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");
    private static final Pattern VALUES = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

    @Test
    void everyCodePointIsJudgedAsTheFirewallsDefaultExpressionsJudgeIt() {
        for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
            String text = "a" + new String(Character.toChars(codePoint)) + "b";
            assertThat(HeaderCharacters.allowedName(text)).as("name U+%04X", codePoint).isEqualTo(NAMES.matcher(text).matches());
            assertThat(HeaderCharacters.allowedValue(text)).as("value U+%04X", codePoint).isEqualTo(VALUES.matcher(text).matches());
        }
    }

    @Test
    void loneSurrogatesTabsAndEmptyTextAreJudgedAsTheExpressionsJudgeThem() {
        for (String text : new String[] {"", "\t", "x\ty", "\uD800", "a\uDC00", "\uD83D\uDE00", "\uD83D", "\u007F", "\u0085",
                "Basic YmVuY2g6YmVuY2gtc2VjcmV0", "W/\"1-2\", \"3\""}) {
            assertThat(HeaderCharacters.allowedName(text)).as(text).isEqualTo(NAMES.matcher(text).matches());
            assertThat(HeaderCharacters.allowedValue(text)).as(text).isEqualTo(VALUES.matcher(text).matches());
        }
    }
}
