package clay.intelligence.proxy;

import java.util.Objects;
import java.util.Optional;

/**
 * What the proxy needs to know about a cloud request besides its messages.
 *
 * @param intent the intent it serves (policies are per intent); {@code chat} for plain chat
 * @param reason why the router chose the cloud, as the audit log shows it
 * @param conversation keeps placeholders stable across the turns of one conversation; empty for one-off requests
 * @param noCache bypass the response cache (neither read nor write)
 * @param cacheAs what identifies the request in the response cache instead of its whole rendered text: the assistant
 *     sets the user's question, so a repeated question is answered from the cache although the context around it (the
 *     time, the conversation, recalled memories) has changed; empty to key by the whole request
 */
public record Call(String intent, String reason, Optional<String> conversation, boolean noCache, Optional<String> cacheAs) {
    public Call {
        Objects.requireNonNull(intent, "intent");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(cacheAs, "cacheAs");
    }

    public Call(String intent, String reason, Optional<String> conversation, boolean noCache) {
        this(intent, reason, conversation, noCache, Optional.empty());
    }

    /** Keys the response cache by {@code question} (and the model) rather than by the whole request. */
    public Call cachedAs(String question) {
        return new Call(intent, reason, conversation, noCache, Optional.of(question));
    }

    /** A plain chat request through the OpenAI-compatible endpoint or an unnamed caller. */
    public static Call chat() {
        return new Call("chat", "cloud model requested", Optional.empty(), false);
    }

    public static Call of(String intent, String reason) {
        return new Call(intent, reason, Optional.empty(), false);
    }

    public Call inConversation(String id) {
        return new Call(intent, reason, Optional.of(id), noCache, cacheAs);
    }

    public Call withoutCache() {
        return new Call(intent, reason, conversation, true, cacheAs);
    }
}
