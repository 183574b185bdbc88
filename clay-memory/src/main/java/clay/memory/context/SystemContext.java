package clay.memory.context;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The machine's state as a model should know it. {@link #probe} reads it from the JVM and Linux's {@code /proc} and
 * {@code /sys}; fields it cannot read are empty rather than guessed.
 *
 * @param cpus logical processors
 * @param load1 one-minute load average, -1 if unknown
 * @param memoryTotalMb physical memory
 * @param memoryFreeMb available memory
 * @param gpu a GPU description, if one is present
 * @param batteryPercent battery charge, if there is a battery
 * @param diskFreeMb free space where Clay keeps its data
 * @param online whether the machine has a default network route
 * @param models configured model names
 */
public record SystemContext(int cpus, double load1, long memoryTotalMb, long memoryFreeMb, Optional<String> gpu,
        Optional<Integer> batteryPercent, long diskFreeMb, boolean online, List<String> models) {
    public SystemContext {
        models = List.copyOf(models);
    }

    public static SystemContext probe(Path dataDir, List<String> models) {
        var os = ManagementFactory.getOperatingSystemMXBean();
        long total = -1, free = -1;
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            total = sun.getTotalMemorySize() / (1024 * 1024);
            free = sun.getFreeMemorySize() / (1024 * 1024);
        }
        Optional<Long> available = meminfo("MemAvailable");
        if (available.isPresent()) free = available.get() / 1024;
        File dir = dataDir.toFile();
        while (dir != null && !dir.exists()) dir = dir.getParentFile();
        long disk = dir == null ? -1 : dir.getUsableSpace() / (1024 * 1024);
        return new SystemContext(Runtime.getRuntime().availableProcessors(), os.getSystemLoadAverage(), total, free,
                probeGpu(), battery(), disk, probeOnline(), models);
    }

    /** One line per fact, for a model's context. */
    public String describe() {
        List<String> l = new ArrayList<>();
        l.add("cpus: " + cpus + (load1 >= 0 ? String.format(java.util.Locale.ROOT, " (load %.2f)", load1) : ""));
        if (memoryTotalMb > 0) l.add("memory: " + memoryFreeMb + " MB free of " + memoryTotalMb + " MB");
        l.add("gpu: " + gpu.orElse("none"));
        batteryPercent.ifPresent(b -> l.add("battery: " + b + "%"));
        if (diskFreeMb >= 0) l.add("disk free: " + diskFreeMb + " MB");
        l.add("network: " + (online ? "online" : "offline"));
        l.add("models: " + (models.isEmpty() ? "none configured" : String.join(", ", models)));
        return String.join("\n", l);
    }

    private static Optional<Long> meminfo(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith(key + ":")) return Optional.of(Long.parseLong(line.replaceAll("[^0-9]", "")));
            }
        } catch (Exception ignored) {
            // not Linux or not readable
        }
        return Optional.empty();
    }

    private static Optional<String> probeGpu() {
        if (Files.exists(Path.of("/dev/nvidia0"))) return Optional.of("NVIDIA (/dev/nvidia0)");
        try (var s = Files.list(Path.of("/sys/class/drm"))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.matches("card\\d+")).findFirst().map(n -> "DRM " + n);
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private static Optional<Integer> battery() {
        try (var s = Files.list(Path.of("/sys/class/power_supply"))) {
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith("BAT")).toList()) {
                return Optional.of(Integer.parseInt(Files.readString(p.resolve("capacity")).trim()));
            }
        } catch (Exception ignored) {
            // no battery information
        }
        return Optional.empty();
    }

    /** A default route in {@code /proc/net/route} (destination 00000000) means some network is up. */
    private static boolean probeOnline() {
        try {
            return Files.readAllLines(Path.of("/proc/net/route")).stream().skip(1)
                    .map(l -> l.trim().split("\\s+")).anyMatch(f -> f.length > 1 && f[1].equals("00000000"));
        } catch (Exception e) {
            return false;
        }
    }
}
