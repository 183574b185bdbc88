package clay.runtime;

import clay.core.ClayHome;
import clay.runtime.config.ClayConfig;
import clay.runtime.skill.Skills;
import java.util.Optional;

/** What a {@link RuntimeModule} sees of the running runtime: paths, settings, other modules' services, skills, models. */
public interface RuntimeContext {
    ClayHome home();

    ClayConfig config();

    /** Offers a service to later modules and to skills; one instance per type. */
    <T> void provide(Class<T> type, T service);

    <T> Optional<T> service(Class<T> type);

    Skills skills();

    Models models();

    /**
     * Waits until the module {@code name} has started, when it starts in the background ({@link RuntimeModule#background()});
     * returns at once for other modules and unknown names. Throws a retriable {@link clay.core.ClayException} after two minutes.
     */
    void awaitModule(String name);

    /** Waits for every module that starts in the background (see {@link #awaitModule}). */
    void awaitModules();

    /** The runtime's assistant, through which utterances are understood and answered. */
    Assistant assistant();
}
