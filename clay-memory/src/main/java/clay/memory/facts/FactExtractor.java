package clay.memory.facts;

import clay.intelligence.model.ModelProvider;
import clay.memory.episodic.Interaction;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the local model which lasting facts or preferences about the user an interaction reveals. Model output is
 * input from outside: only short statements that share a content word with the interaction are kept, so a
 * confused model cannot plant memories that have nothing to do with what was said.
 */
public final class FactExtractor {
    private static final Logger LOG = LoggerFactory.getLogger(FactExtractor.class);
    private static final String PROMPT = """
            You extract lasting facts and preferences about the user from one exchange, for example \
            "prefers formal letters", "works on bill HB302", "constituents are in district 12". Ignore one-off requests. \
            Answer with JSON only: {"facts":["..."]} (an empty list when there is nothing lasting).""";
    private static final Pattern JSON_OBJECT = Pattern.compile("\\{.*}", Pattern.DOTALL);
    private static final Set<String> STOP = Set.of("the", "a", "an", "and", "or", "of", "to", "in", "on", "for", "is",
            "are", "was", "be", "with", "that", "this", "it", "my", "i", "me", "you", "user", "prefers", "likes");

    private final ModelProvider model;
    private final ObjectMapper json = new ObjectMapper();

    public FactExtractor(ModelProvider model) {
        this.model = model;
    }

    public String modelName() {
        return model.name();
    }

    public List<String> extract(Interaction i) {
        List<String> out = new ArrayList<>();
        try {
            String answer = model.chat().chat(ChatRequest.builder().messages(SystemMessage.from(PROMPT),
                    UserMessage.from("User: " + i.utterance() + "\nClay: " + i.result())).temperature(0.0).build())
                    .aiMessage().text();
            Matcher m = JSON_OBJECT.matcher(answer == null ? "" : answer);
            if (!m.find()) return out;
            JsonNode facts = json.readTree(m.group()).path("facts");
            Set<String> words = words(i.utterance() + " " + i.result());
            for (JsonNode f : facts) {
                String text = f.asText("").strip();
                if (text.length() < 5 || text.length() > 300) continue;
                if (words(text).stream().anyMatch(words::contains)) out.add(text);
            }
        } catch (Exception e) {
            LOG.debug("fact extraction failed: {}", e.toString());
        }
        return out;
    }

    private static Set<String> words(String s) {
        Set<String> w = new java.util.HashSet<>();
        for (String t : s.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (t.length() > 2 && !STOP.contains(t)) w.add(t);
        }
        return w;
    }
}
