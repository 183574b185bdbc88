package clay.intelligence.route;

import java.util.Optional;

/**
 * Which models can think right now.
 *
 * @param localModel the default local model's name, if one is configured and loadable
 * @param localWindow its context window in tokens (0 without one)
 * @param cloudModel the default cloud model's name, if one is configured
 * @param online whether the cloud model's service is reachable
 */
public record Availability(Optional<String> localModel, int localWindow, Optional<String> cloudModel, boolean online) {
    public boolean hasLocal() {
        return localModel.isPresent();
    }

    public boolean cloudReachable() {
        return cloudModel.isPresent() && online;
    }

    public static Availability localOnly(String name, int window) {
        return new Availability(Optional.of(name), window, Optional.empty(), false);
    }

    public static Availability both(String local, int window, String cloud) {
        return new Availability(Optional.of(local), window, Optional.of(cloud), true);
    }

    public static Availability none() {
        return new Availability(Optional.empty(), 0, Optional.empty(), false);
    }
}
