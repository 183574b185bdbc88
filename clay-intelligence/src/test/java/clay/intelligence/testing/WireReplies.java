package clay.intelligence.testing;

import clay.intelligence.testing.WireServer.Reply;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Replies in the documented wire formats of Anthropic's Messages API, OpenAI's chat completions and Ollama's chat. */
public final class WireReplies {
    private static final ObjectMapper JSON = new ObjectMapper();

    private WireReplies() {}

    private static String q(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Anthropic Messages API ({@code POST /v1/messages}). */
    public static final class Anthropic {
        public static final String PATH = "/v1/messages";

        private Anthropic() {}

        public static Reply text(String text) {
            return Reply.json(200, """
                    {"id":"msg_01XFDUDYJgAACzvnptvVoYEL","type":"message","role":"assistant","model":"claude-test",
                     "content":[{"type":"text","text":%s}],"stop_reason":"end_turn","stop_sequence":null,
                     "usage":{"input_tokens":12,"output_tokens":6}}""".formatted(q(text)), Map.of());
        }

        public static Reply toolUse(String id, String name, String inputJson) {
            return Reply.json(200, """
                    {"id":"msg_02","type":"message","role":"assistant","model":"claude-test",
                     "content":[{"type":"text","text":"Let me check."},
                                {"type":"tool_use","id":%s,"name":%s,"input":%s}],
                     "stop_reason":"tool_use","stop_sequence":null,"usage":{"input_tokens":30,"output_tokens":20}}"""
                    .formatted(q(id), q(name), inputJson), Map.of());
        }

        /** The full event sequence: message_start, content_block_start, ping, deltas, stop, message_delta, stop. */
        public static Reply stream(String... pieces) {
            List<String> events = new ArrayList<>();
            events.add(event("message_start", """
                    {"type":"message_start","message":{"id":"msg_03","type":"message","role":"assistant","content":[],\
                    "model":"claude-test","stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":25,"output_tokens":1}}}"""));
            events.add(event("content_block_start",
                    "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"));
            events.add(event("ping", "{\"type\": \"ping\"}"));
            for (String p : pieces) {
                events.add(event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"
                        + "\"delta\":{\"type\":\"text_delta\",\"text\":" + q(p) + "}}"));
            }
            events.add(event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"));
            events.add(event("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\","
                    + "\"stop_sequence\":null},\"usage\":{\"output_tokens\":" + pieces.length + "}}"));
            events.add(event("message_stop", "{\"type\":\"message_stop\"}"));
            return Reply.sse(events);
        }

        /** A streamed tool call: the input arrives as input_json_delta fragments. */
        public static Reply streamToolUse(String id, String name, String... jsonFragments) {
            List<String> events = new ArrayList<>();
            events.add(event("message_start", """
                    {"type":"message_start","message":{"id":"msg_04","type":"message","role":"assistant","content":[],\
                    "model":"claude-test","stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":40,"output_tokens":1}}}"""));
            events.add(event("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":"
                    + "{\"type\":\"tool_use\",\"id\":" + q(id) + ",\"name\":" + q(name) + ",\"input\":{}}}"));
            for (String f : jsonFragments) {
                events.add(event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"
                        + "\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":" + q(f) + "}}"));
            }
            events.add(event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"));
            events.add(event("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\","
                    + "\"stop_sequence\":null},\"usage\":{\"output_tokens\":9}}"));
            events.add(event("message_stop", "{\"type\":\"message_stop\"}"));
            return Reply.sse(events);
        }

        /** An error body, e.g. (401, authentication_error), (429, rate_limit_error), (529, overloaded_error). */
        public static Reply error(int status, String type, String message, Map<String, String> headers) {
            return Reply.json(status, "{\"type\":\"error\",\"error\":{\"type\":" + q(type) + ",\"message\":"
                    + q(message) + "}}", headers);
        }

        private static String event(String name, String data) {
            return "event: " + name + "\ndata: " + data + "\n\n";
        }
    }

    /** OpenAI chat completions ({@code POST /v1/chat/completions}), also spoken by llama.cpp server, vLLM, LM Studio. */
    public static final class OpenAi {
        public static final String PATH = "/v1/chat/completions";

        private OpenAi() {}

        public static Reply text(String text) {
            return Reply.json(200, """
                    {"id":"chatcmpl-123","object":"chat.completion","created":1700000000,"model":"gpt-test",
                     "choices":[{"index":0,"message":{"role":"assistant","content":%s,"refusal":null},
                                 "logprobs":null,"finish_reason":"stop"}],
                     "usage":{"prompt_tokens":9,"completion_tokens":4,"total_tokens":13}}""".formatted(q(text)),
                    Map.of());
        }

        public static Reply toolCall(String id, String name, String argumentsJson) {
            return Reply.json(200, """
                    {"id":"chatcmpl-124","object":"chat.completion","created":1700000000,"model":"gpt-test",
                     "choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[
                        {"id":%s,"type":"function","function":{"name":%s,"arguments":%s}}]},
                        "finish_reason":"tool_calls"}],
                     "usage":{"prompt_tokens":20,"completion_tokens":10,"total_tokens":30}}"""
                    .formatted(q(id), q(name), q(argumentsJson)), Map.of());
        }

        /** {@code data:} chunks: a role chunk, one per piece, a finish chunk, a usage chunk, then {@code [DONE]}. */
        public static Reply stream(String... pieces) {
            List<String> events = new ArrayList<>();
            String head = "{\"id\":\"chatcmpl-125\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
                    + "\"model\":\"gpt-test\",\"choices\":[";
            events.add("data: " + head + "{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},"
                    + "\"finish_reason\":null}]}");
            for (String p : pieces) {
                events.add("data: " + head + "{\"index\":0,\"delta\":{\"content\":" + q(p) + "},\"finish_reason\":null}]}");
            }
            events.add("data: " + head + "{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}");
            events.add("data: " + head + "],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":" + pieces.length
                    + ",\"total_tokens\":" + (9 + pieces.length) + "}}");
            events.add("data: [DONE]");
            return Reply.sse(events);
        }

        public static Reply error(int status, String type, String code, String message, Map<String, String> headers) {
            return Reply.json(status, "{\"error\":{\"message\":" + q(message) + ",\"type\":" + q(type)
                    + ",\"param\":null,\"code\":" + q(code) + "}}", headers);
        }
    }

    /** Ollama's native chat API ({@code POST /api/chat}); streaming is newline-delimited JSON. */
    public static final class Ollama {
        public static final String PATH = "/api/chat";

        private Ollama() {}

        public static Reply text(String text) {
            return Reply.json(200, final_(text), Map.of());
        }

        public static Reply stream(String... pieces) {
            List<String> lines = new ArrayList<>();
            for (String p : pieces) {
                ObjectNode n = JSON.createObjectNode().put("model", "qwen-test")
                        .put("created_at", "2026-11-27T07:00:00.000000Z");
                n.putObject("message").put("role", "assistant").put("content", p);
                n.put("done", false);
                lines.add(n.toString());
            }
            lines.add(final_(""));
            return Reply.ndjson(lines);
        }

        public static Reply error(int status, String message) {
            return Reply.json(status, "{\"error\":" + q(message) + "}", Map.of());
        }

        private static String final_(String text) {
            ObjectNode n = JSON.createObjectNode().put("model", "qwen-test")
                    .put("created_at", "2026-11-27T07:00:01.000000Z");
            n.putObject("message").put("role", "assistant").put("content", text);
            n.put("done", true).put("done_reason", "stop").put("total_duration", 5_000_000L)
                    .put("load_duration", 1_000_000L).put("prompt_eval_count", 11).put("prompt_eval_duration", 1_000_000L)
                    .put("eval_count", 3).put("eval_duration", 2_000_000L);
            return n.toString();
        }
    }
}
