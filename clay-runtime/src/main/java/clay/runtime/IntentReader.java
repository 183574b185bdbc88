package clay.runtime;

import clay.core.Intent;
import clay.core.Utterance;

/**
 * Turns an utterance into an intent. The runtime starts with {@link KeywordIntentReader}; the intent module replaces it
 * with the full parser by providing an {@code IntentReader} service.
 */
@FunctionalInterface
public interface IntentReader {
    Intent read(Utterance utterance);
}
