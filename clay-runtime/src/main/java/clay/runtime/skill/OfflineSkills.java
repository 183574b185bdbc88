package clay.runtime.skill;

import clay.runtime.Assistant;
import clay.runtime.RuntimeContext;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Skills that answer without any model: time, date, system status, settings, help. */
public final class OfflineSkills {
    private OfflineSkills() {}

    public static void registerAll(Skills skills, java.time.Clock clock) {
        skills.register("get_time", r -> {
            ZonedDateTime now = ZonedDateTime.now(clock);
            String text = "It is " + now.format(DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH)) + " ("
                    + now.getZone().getId() + ").";
            r.out().accept(text);
            return Reply.offline(text, "answered offline: the clock needs no model")
                    .withData(Map.of("time", now.toString()));
        });
        skills.register("get_date", r -> {
            ZonedDateTime now = ZonedDateTime.now(clock);
            String text = "Today is " + now.format(DateTimeFormatter.ofPattern("EEEE, d MMMM yyyy", Locale.ENGLISH)) + ".";
            r.out().accept(text);
            return Reply.offline(text, "answered offline: the calendar needs no model")
                    .withData(Map.of("date", now.toLocalDate().toString()));
        });
        skills.register("system_status", r -> {
            Map<String, Object> status = status(r.runtime());
            StringBuilder sb = new StringBuilder("System status:\n");
            status.forEach((k, v) -> sb.append("  ").append(k).append(": ").append(v).append('\n'));
            String text = sb.toString().stripTrailing();
            r.out().accept(text);
            return Reply.offline(text, "answered offline from the operating system").withData(Map.of("status", status));
        });
        skills.register("settings", r -> {
            String text = "Settings live in " + r.runtime().config().file() + ". Show them with `clay config`, "
                    + "change one with `clay config set KEY VALUE`.";
            r.out().accept(text);
            return Reply.offline(text, "answered offline");
        });
        skills.register("help", r -> {
            String text = help(r.runtime());
            r.out().accept(text);
            return Reply.offline(text, "answered offline");
        });
    }

    static String help(RuntimeContext ctx) {
        StringBuilder sb = new StringBuilder("Tell me what you want in your own words. Offline I can tell the time and "
                + "date, show system status, settings and this help.");
        if (ctx.models().isEmpty()) sb.append("\n").append(Assistant.offlineHelp());
        else sb.append("\nModels: ").append(String.join(", ", ctx.models().names())).append('.');
        return sb.toString();
    }

    /** A snapshot of the machine and the runtime. */
    public static Map<String, Object> status(RuntimeContext ctx) {
        Map<String, Object> m = new LinkedHashMap<>();
        var os = ManagementFactory.getOperatingSystemMXBean();
        m.put("cpus", os.getAvailableProcessors());
        m.put("load", String.format(Locale.ROOT, "%.2f", os.getSystemLoadAverage()));
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            m.put("memory_total_mb", sun.getTotalMemorySize() / (1024 * 1024));
            m.put("memory_free_mb", sun.getFreeMemorySize() / (1024 * 1024));
        }
        File root = ctx.home().root().toFile();
        m.put("disk_free_mb", root.getUsableSpace() / (1024 * 1024));
        m.put("clay_home", ctx.home().root().toString());
        m.put("models", ctx.models().names().isEmpty() ? "none configured" : String.join(", ", ctx.models().names()));
        m.put("uptime_s", ManagementFactory.getRuntimeMXBean().getUptime() / 1000);
        return m;
    }
}
