package clay.core;

import java.nio.file.Path;

/** The configuration file cannot be read or holds a bad value; the message names the file and the line. */
public class ConfigException extends ClayException {
    public ConfigException(Path file, int line, String problem) {
        super(file + (line > 0 ? ":" + line : "") + ": " + problem,
                "fix that line, or move the file away to start from defaults (clay config path shows where it is)");
    }

    public ConfigException(String message, String fix) {
        super(message, fix);
    }

    @Override
    public String kind() {
        return "config_error";
    }
}
