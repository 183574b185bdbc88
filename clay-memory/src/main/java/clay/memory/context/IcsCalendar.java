package clay.memory.context;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small reader for iCalendar ({@code .ics}) files: VEVENTs with SUMMARY, LOCATION, DTSTART and DTEND (UTC, TZID or
 * floating times, and all-day dates), with folded lines unfolded. Recurrence rules are not expanded; the first
 * occurrence is kept. A malformed event is skipped, not fatal.
 */
public final class IcsCalendar {
    private static final Logger LOG = LoggerFactory.getLogger(IcsCalendar.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");
    private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;

    /** One calendar event in the user's zone; end is exclusive. */
    public record Event(String summary, ZonedDateTime start, ZonedDateTime end, Optional<String> location, boolean allDay) {}

    private IcsCalendar() {}

    /** Every event in the {@code .ics} files directly inside {@code dir} (or in {@code dir} if it is a file). */
    public static List<Event> read(Path dirOrFile, ZoneId zone) {
        List<Path> files = new ArrayList<>();
        try {
            if (Files.isDirectory(dirOrFile)) {
                try (var s = Files.list(dirOrFile)) {
                    s.filter(p -> p.toString().toLowerCase().endsWith(".ics")).sorted().forEach(files::add);
                }
            } else if (Files.exists(dirOrFile)) {
                files.add(dirOrFile);
            }
        } catch (IOException e) {
            LOG.warn("cannot list calendars in {}: {}", dirOrFile, e.toString());
        }
        List<Event> out = new ArrayList<>();
        for (Path f : files) {
            try {
                out.addAll(parse(Files.readString(f), zone));
            } catch (IOException e) {
                LOG.warn("cannot read calendar {}: {}", f, e.toString());
            }
        }
        out.sort(Comparator.comparing(Event::start));
        return out;
    }

    public static List<Event> parse(String ics, ZoneId zone) {
        String unfolded = ics.replace("\r\n", "\n").replaceAll("\n[ \t]", "");
        List<Event> out = new ArrayList<>();
        String summary = null, location = null, start = null, end = null;
        boolean inEvent = false;
        for (String line : unfolded.split("\n")) {
            if (line.equals("BEGIN:VEVENT")) {
                inEvent = true;
                summary = location = start = end = null;
            } else if (line.equals("END:VEVENT") && inEvent) {
                inEvent = false;
                try {
                    if (start == null) continue;
                    boolean allDay = !start.contains("T");
                    ZonedDateTime s = time(start, zone);
                    ZonedDateTime e = end != null ? time(end, zone) : allDay ? s.plusDays(1) : s.plusHours(1);
                    out.add(new Event(summary == null ? "(no title)" : unescape(summary), s, e,
                            Optional.ofNullable(location).map(IcsCalendar::unescape), allDay));
                } catch (RuntimeException ex) {
                    LOG.debug("skipping malformed event {}: {}", summary, ex.toString());
                }
            } else if (inEvent) {
                int colon = line.indexOf(':');
                if (colon < 0) continue;
                String name = line.substring(0, colon), value = line.substring(colon + 1);
                String key = name.split(";")[0].toUpperCase();
                switch (key) {
                    case "SUMMARY" -> summary = value;
                    case "LOCATION" -> location = value;
                    case "DTSTART" -> start = name + ":" + value;
                    case "DTEND" -> end = name + ":" + value;
                    default -> { }
                }
            }
        }
        return out;
    }

    private static ZonedDateTime time(String prop, ZoneId zone) {
        int colon = prop.indexOf(':');
        String params = prop.substring(0, colon), value = prop.substring(colon + 1).trim();
        if (!value.contains("T")) return LocalDate.parse(value, DATE).atStartOfDay(zone);
        if (value.endsWith("Z")) {
            return LocalDateTime.parse(value.substring(0, value.length() - 1), STAMP).atOffset(ZoneOffset.UTC).atZoneSameInstant(zone);
        }
        ZoneId tz = zone;
        for (String p : params.split(";")) if (p.startsWith("TZID=")) tz = ZoneId.of(p.substring(5).replace("\"", ""));
        return LocalDateTime.parse(value, STAMP).atZone(tz).withZoneSameInstant(zone);
    }

    private static String unescape(String s) {
        return s.replace("\\n", " ").replace("\\N", " ").replace("\\,", ",").replace("\\;", ";").replace("\\\\", "\\");
    }
}
