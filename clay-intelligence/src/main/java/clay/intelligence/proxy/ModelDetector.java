package clay.intelligence.proxy;

import clay.intelligence.model.ModelProvider;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the local model to list the personal values in a text, as a second opinion next to the rules (it catches
 * names the gazetteer lacks). Only values that occur verbatim in the text are used, so a confused model can add
 * placeholders but never invent or move text; any failure leaves the rules' result as it is.
 */
final class ModelDetector implements Detector {
    private static final Logger LOG = LoggerFactory.getLogger(ModelDetector.class);
    private static final String PROMPT = """
            List every piece of personal data in the user's text: names of people, e-mail addresses, phone numbers, \
            postal addresses, account/card/ID numbers, passwords and keys, file paths with user names. Answer with JSON \
            only: {"items":[{"text":"<exact substring>","type":"person|email|phone|address|account|card|id|secret|path"}]}. \
            Use an empty list when there is none.""";
    private static final Pattern JSON_OBJECT = Pattern.compile("\\{.*}", Pattern.DOTALL);

    private final ModelProvider local;
    private final ObjectMapper json = new ObjectMapper();

    ModelDetector(ModelProvider local) {
        this.local = local;
    }

    @Override
    public List<Span> detect(String text) {
        List<Span> out = new ArrayList<>();
        if (text.isBlank()) return out;
        try {
            String answer = local.chat().chat(ChatRequest.builder()
                    .messages(SystemMessage.from(PROMPT), UserMessage.from(text)).temperature(0.0).build()).aiMessage().text();
            Matcher m = JSON_OBJECT.matcher(answer == null ? "" : answer);
            if (!m.find()) return out;
            JsonNode items = json.readTree(m.group()).path("items");
            for (JsonNode item : items) {
                String value = item.path("text").asText("").strip();
                if (value.length() < 3 || Lexicon.COMMON.contains(value.toLowerCase(java.util.Locale.ROOT))) continue;
                DataClass type;
                try {
                    type = DataClass.fromWire(item.path("type").asText("private"));
                } catch (RuntimeException unknown) {
                    type = DataClass.PRIVATE;
                }
                for (int at = text.indexOf(value); at >= 0; at = text.indexOf(value, at + 1)) {
                    out.add(new Span(at, at + value.length(), type, value));
                }
            }
        } catch (Exception e) {
            LOG.debug("local model redaction failed, rules only: {}", e.toString());
        }
        return out;
    }
}
