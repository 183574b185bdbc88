package clay.runtime.skill;

import clay.core.Intent;
import clay.core.Utterance;
import clay.runtime.RuntimeContext;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * What a skill gets: the utterance, its intent, the runtime, a sink for streamed text and a cancellation flag.
 *
 * @param out receives text as it is produced (may be called many times); the final {@link Reply#text()} must hold the
 *     whole answer regardless
 */
public record SkillRequest(Utterance utterance, Intent intent, RuntimeContext runtime, Consumer<String> out,
        BooleanSupplier cancelled) {}
