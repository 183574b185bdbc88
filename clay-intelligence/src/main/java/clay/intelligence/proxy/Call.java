package clay.intelligence.proxy;

import java.util.Objects;
import java.util.Optional;

/**
 * What the proxy needs to know about a cloud request besides its messages.
 *
 * @param intent the intent it serves (policies are per intent); {@code chat} for plain chat
 * @param reason why the router chose the cloud, as the audit log shows it
 * @param conversation keeps placeholders stable across the turns of one conversation; empty for one-off requests
 * @param noCache bypass the response cache (neither read nor write). The cache is always keyed by the whole redacted
 *     request (system prompt with its context and recalled memories, every message, the model), never by the bare
 *     question: an answer built from a context that has since changed or been forgotten is never served again.
 */
public record Call(String intent, String reason, Optional<String> conversation, boolean noCache) {
    public Call {
        Objects.requireNonNull(intent, "intent");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(conversation, "conversation");
    }

    /** A plain chat request through the OpenAI-compatible endpoint or an unnamed caller. */
    public static Call chat() {
        return new Call("chat", "cloud model requested", Optional.empty(), false);
    }

    public static Call of(String intent, String reason) {
        return new Call(intent, reason, Optional.empty(), false);
    }

    public Call inConversation(String id) {
        return new Call(intent, reason, Optional.of(id), noCache);
    }

    public Call withoutCache() {
        return new Call(intent, reason, conversation, true);
    }
}
