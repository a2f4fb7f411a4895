package dev.statelab.ftp.engine;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import dev.statelab.files.StoredFile;

/**
 * LIST entries in the {@code ls -l} form that FTP clients parse (Commons Net's UNIX parser, curl, lftp,
 * FileZilla): English month names whatever the server's locale, the time of day for the last six months
 * and the year for older entries.
 */
final class LsLines {

    private static final DateTimeFormatter RECENT = DateTimeFormatter.ofPattern("MMM dd HH:mm", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter OLD = DateTimeFormatter.ofPattern("MMM dd  yyyy", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);
    private static final Duration SIX_MONTHS = Duration.ofDays(182);

    private LsLines() {
    }

    static List<String> of(List<StoredFile> entries, String owner, Instant now) {
        String name = owner.replaceAll("\\s", "_");
        return entries.stream().map(entry -> line(entry, name, now)).toList();
    }

    private static String line(StoredFile entry, String owner, Instant now) {
        Instant modified = entry.modified();
        boolean recent = modified.isAfter(now.minus(SIX_MONTHS)) && !modified.isAfter(now.plus(Duration.ofHours(1)));
        String time = (recent ? RECENT : OLD).format(modified);
        String mode = entry.isDirectory() ? "drwxr-xr-x" : "-rw-r--r--";
        long size = entry.isDirectory() ? 0 : entry.size();
        return String.format(Locale.ROOT, "%s 1 %s %s %12d %s %s", mode, owner, owner, size, time, entry.name());
    }
}
