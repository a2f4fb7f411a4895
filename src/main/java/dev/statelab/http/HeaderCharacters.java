package dev.statelab.http;

/**
 * The firewall's rules for header names and values, as {@code StrictHttpFirewall}'s defaults state them
 * ({@code [\p{IsAssigned}&&[^\p{IsControl}]]*}, and the same with tab allowed for values), checked with a
 * loop instead of a regular expression: the firewall checks every header a filter reads, on every request,
 * and the expression cost more than the rest of the firewall. Printable ASCII is decided without a lookup.
 */
final class HeaderCharacters {

    private HeaderCharacters() {
    }

    static boolean allowedName(String name) {
        return assignedAndNotControl(name, false);
    }

    static boolean allowedValue(String value) {
        return assignedAndNotControl(value, true);
    }

    private static boolean assignedAndNotControl(String text, boolean tabAllowed) {
        for (int i = 0; i < text.length(); ) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                i++;
                continue;
            }
            int codePoint = text.codePointAt(i);
            int type = Character.getType(codePoint);
            if (type == Character.UNASSIGNED || (type == Character.CONTROL && !(tabAllowed && codePoint == '\t'))) {
                return false;
            }
            i += Character.charCount(codePoint);
        }
        return true;
    }
}
