package clay.intelligence.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import clay.core.ClayHome;
import clay.intelligence.model.ModelProvider;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The leak battery: requests a program or a careless prompt would send, each carrying personal data in a disguise a
 * pattern misses (split across messages, full-width or look-alike characters, odd spaces, spelled out, hidden behind a
 * placeholder-shaped prefix, inside a tool or a response schema, a key in an unusual shape). Each goes through the
 * proxy to a capture server speaking the OpenAI wire format; none of its values may arrive.
 */
class LeakBatteryTest {
    @TempDir static Path dir;
    static OpenAiWireServer capture;
    static ModelProvider proxied;

    /** One probe: what is sent, and the fragments that must not reach the server. */
    record Probe(String kind, ChatRequest request, List<String> secrets) {}

    @BeforeAll
    static void start() throws Exception {
        capture = new OpenAiWireServer(user -> "ok");
        CloudProxy proxy = CloudProxy.open(new ClayHome(dir.resolve("home")).ensure());
        // no cache: two probes that redact to the same text must both reach the server to be checked
        proxied = ((ProxiedProvider) proxy.wrap(new WireProvider("gpt-4o-mini", capture.baseUrl(), false))).with(Call.chat().withoutCache());
    }

    @AfterAll
    static void stop() {
        capture.close();
    }

    static Probe say(String kind, String text, String... secrets) {
        return new Probe(kind, ChatRequest.builder().messages(UserMessage.from(text)).build(), List.of(secrets));
    }

    /** Consecutive user messages, as a client sends a text typed in pieces. */
    static Probe turns(String kind, List<String> texts, String... secrets) {
        List<ChatMessage> ms = new ArrayList<>();
        for (String t : texts) ms.add(UserMessage.from(t));
        return new Probe(kind, ChatRequest.builder().messages(ms).build(), List.of(secrets));
    }

    static Probe schema(String kind, String rawSchema, String... secrets) {
        ResponseFormat f = ResponseFormat.builder().type(ResponseFormatType.JSON)
                .jsonSchema(JsonSchema.builder().name("answer").rootElement(JsonRawSchema.from(rawSchema)).build()).build();
        return new Probe(kind, ChatRequest.builder().messages(UserMessage.from("Fill in the form.")).responseFormat(f).build(),
                List.of(secrets));
    }

    static List<Probe> probes() {
        String nbsp = "\u00a0", zwsp = "\u200b", thin = "\u2009";
        List<Probe> p = new ArrayList<>();
        // split across messages
        p.add(turns("split card", List.of("my card is 5500 0000", "0000 0004"), "5500 0000", "0000 0004"));
        p.add(turns("split card in three", List.of("card 3782", "8224 6310", "005 is all"), "3782", "8224 6310", "005 is"));
        p.add(turns("split e-mail", List.of("write to anna.schmidt@", "posteo.de please"), "anna.schmidt", "posteo.de"));
        p.add(turns("split IBAN", List.of("IBAN GB29 NWBK 6016", "1331 9268 19 thanks"), "NWBK 6016", "1331 9268"));
        p.add(turns("split phone", List.of("ring me on +44 7700", "900123 after six"), "7700", "900123"));
        // compatibility forms and look-alikes
        p.add(say("full-width card", "card ４１１１ １１１１ １１１１ １１１１ please", "４１１１"));
        p.add(say("mathematical digits card", "card 𝟒𝟎𝟏𝟐 𝟖𝟖𝟖𝟖 𝟖𝟖𝟖𝟖 𝟏𝟖𝟖𝟏", "𝟒𝟎𝟏𝟐"));
        p.add(say("full-width at", "mail ana.lima＠example.com today", "ana.lima", "example.com"));
        p.add(say("Cyrillic look-alike in e-mail", "send it to tom.bеcker@example.org", "tom.b", "cker@", "example.org"));
        p.add(say("Greek look-alike in e-mail", "cc jοhn.doe@mailbox.org too", "jο", "doe@", "mailbox.org"));
        p.add(say("look-alike in a name", "Dear Mr. Οkafor, the keys are ready", "kafor"));
        p.add(say("lower-case full name", "please loop in tom becker and maria gonzalez", "becker", "gonzalez"));
        p.add(say("look-alike single letter", "National Insurance QQ 12 34 56 С on file", "34 56"));
        // separators
        p.add(say("NBSP card", "charge 4111" + nbsp + "1111" + nbsp + "1111" + nbsp + "1111", "4111"));
        p.add(say("ZWSP card", "charge 4111" + zwsp + "1111" + zwsp + "1111" + zwsp + "1111", "4111"));
        p.add(say("dotted card", "card 5555.5555.5555.4444 expires soon", "5555.5555"));
        p.add(say("double-spaced card", "card 4012  8888  8888  1881 expires", "4012"));
        p.add(say("spaced-out card", "card 4 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1", "4 1 1 1"));
        p.add(say("NBSP IBAN", "pay DE89" + nbsp + "3704" + nbsp + "0044" + nbsp + "0532" + nbsp + "0130" + nbsp + "00", "3704"));
        p.add(say("NBSP phone", "call +49" + nbsp + "30" + nbsp + "1234" + nbsp + "5678", "1234"));
        p.add(say("thin-space and en-dash phone", "call +1" + thin + "415–555–0132 tonight", "555–0132"));
        // spelled out
        p.add(say("at-dot e-mail", "reach me at tom.becker at example dot org", "tom.becker", "example dot org"));
        p.add(say("bracketed at-dot e-mail", "maria.garcia (at) example (dot) net is best", "maria.garcia"));
        p.add(say("spaced e-mail", "it is m a r i a @ e x a m p l e . c o m", "m a r i a"));
        p.add(say("spelled-out phone", "call four one five, five five five, zero one three two", "four one five"));
        p.add(say("lower-case IBAN", "my iban is de89 3704 0044 0532 0130 00 ok", "de89", "3704"));
        // placeholder-shaped prefixes
        p.add(say("placeholder-prefixed e-mail", "mail PERSON_1.tom.becker@example.org now", "tom.becker", "example.org"));
        p.add(say("placeholder-prefixed card", "use CARD_4111 1111 1111 1111", "4111 1111"));
        p.add(say("placeholder-prefixed phone", "text PHONE_2-0151 2345 6789 tonight", "2345 6789"));
        p.add(say("zero-width joiner in e-mail", "mail lu\u200dcas.moreau@exemple.fr", "cas.moreau", "exemple.fr"));
        p.add(say("soft hyphens in IBAN", "IBAN FR76\u00ad3000\u00ad6000\u00ad0112\u00ad3456\u00ad7890\u00ad189", "3000", "7890"));
        // secrets
        p.add(say("64-hex deploy key", "deploy with 3f1c9a7be24d06f58a13c2e9b7d4f6a0c8e1b5d3f7a9c2e4b6d8f0a1c3e5b7d9",
                "3f1c9a7be24d"));
        p.add(say("32-hex Azure key", "AZURE_OPENAI_KEY 9b2e4c6a8d0f1e3b5c7a9d2f4e6b8c0a", "9b2e4c6a8d0f"));
        p.add(say("40-hex token", "here: a94a8fe5ccb19ba61c4c0873d391e987982fbbd3", "a94a8fe5ccb1"));
        p.add(say("AWS secret in config form", "aws_secret_access_key = Zq8vR2mLxPoW3nTt+Yk9dEsAuHb/cNfGj1rQe5VW",
                "Zq8vR2mLx"));
        p.add(say("env-style password", "export DB_PASSWORD=Sunflower88! then restart", "Sunflower88"));
        p.add(say("locker code", "my locker code is KMT-40417 at the gym", "KMT-40417"));
        p.add(say("door code", "the door code: 4711# for the back entrance", "4711#"));
        p.add(say("PIN", "pin: 8264 for the card", "8264"));
        p.add(say("alarm code", "the alarm code is 2580, disarm it first", "2580"));
        p.add(say("Azure connection string", "DefaultEndpointsProtocol=https;AccountName=acme;AccountKey="
                + "Xb3kQ9vZ2mN8pL4rT6wY1uI0oP7aS5dF3gH2jK9lZ8xC4vB6nM1qW3eR5tY7uI9oP0aS2dF4gH6jK8lZ0xC==;", "Xb3kQ9vZ2mN8"));
        p.add(say("client secret with dash", "client-secret: q7Fz2Kp9Lm4Xw8Rt", "q7Fz2Kp9"));
        p.add(say("long plain password", "my wifi password is correcthorsebatterystaple", "correcthorse"));
        // fields other than message text
        p.add(schema("schema description", "{\"type\":\"object\",\"description\":\"Customer maria.garcia@example.net, card "
                + "5555 5555 5555 4444\",\"properties\":{\"name\":{\"type\":\"string\"}}}", "maria.garcia", "5555 5555"));
        p.add(schema("schema enum", "{\"type\":\"object\",\"properties\":{\"to\":{\"type\":\"string\",\"enum\":"
                + "[\"lena.fischer@example.com\",\"+49 30 9876 5432\"]}}}", "lena.fischer", "9876 5432"));
        p.add(schema("schema examples and title", "{\"type\":\"object\",\"title\":\"Profile of Aleksandra Kowalczyk\","
                + "\"properties\":{\"iban\":{\"type\":\"string\",\"examples\":[\"DE89 3704 0044 0532 0130 00\"]}}}",
                "Kowalczyk", "3704 0044"));
        ResponseFormat typed = ResponseFormat.builder().type(ResponseFormatType.JSON).jsonSchema(JsonSchema.builder()
                .name("contact").rootElement(JsonObjectSchema.builder().description("Reply for jonas.weber@example.de")
                        .addProperty("who", JsonEnumSchema.builder().enumValues("Jonas Weber", "+49 170 1234567").build())
                        .build()).build()).build();
        p.add(new Probe("typed schema", ChatRequest.builder().messages(UserMessage.from("Fill it.")).responseFormat(typed).build(),
                List.of("jonas.weber", "Jonas Weber", "1234567")));
        ToolSpecification tool = ToolSpecification.builder().name("send_invoice")
                .description("Send the invoice to nora.keller@example.ch")
                .parameters(JsonObjectSchema.builder().addStringProperty("iban", "Pay into CH93 0076 2011 6238 5295 7")
                        .addEnumProperty("phone", List.of("+41 44 668 18 00")).build()).build();
        p.add(new Probe("tool description and schema", ChatRequest.builder().messages(UserMessage.from("Do it."))
                .toolSpecifications(tool).build(), List.of("nora.keller", "6238 5295", "668 18 00")));
        p.add(new Probe("system prompt", ChatRequest.builder().messages(SystemMessage.from("User: Priya Raman, priya@raman.dev"),
                UserMessage.from("hi")).build(), List.of("Raman", "priya@")));
        ToolExecutionRequest call = ToolExecutionRequest.builder().id("1").name("lookup")
                .arguments("{\"email\":\"kenji.sato@example.jp\"}").build();
        p.add(new Probe("tool call and result", ChatRequest.builder().messages(UserMessage.from("look him up"),
                AiMessage.from(call), ToolExecutionResultMessage.from("1", "lookup", "phone +81 3 1234 5678, kenji.sato@example.jp"))
                .build(), List.of("kenji.sato", "1234 5678")));
        return p;
    }

    @Test
    void noProbeOfTheBatteryReachesTheCaptureServer() {
        List<Probe> probes = probes();
        assertThat(probes).hasSizeGreaterThanOrEqualTo(46);
        List<String> leaks = new ArrayList<>();
        for (Probe probe : probes) {
            int before = capture.bodies().size();
            proxied.chat().chat(probe.request());
            assertThat(capture.bodies()).as(probe.kind()).hasSize(before + 1);
            String body = capture.bodies().getLast();
            for (String secret : probe.secrets()) {
                if (body.contains(secret)) leaks.add(probe.kind() + ": '" + secret + "' in " + body);
            }
        }
        assertThat(leaks).as("values that reached the capture server").isEmpty();
    }

    @Test
    void ordinaryTextThatOnlyLooksLikeTheDisguisesIsLeftAlone() {
        Redactor rules = Redactor.rules(java.util.Set.of(), java.util.Map.of());
        for (String s : List.of("Look at the docs at noon, then dot the i's.", "Release 2.14.3 went out on Tuesday.",
                "The SHA-256 of the image is 9f2c4e6a8b0d1f3e5a7c9b2d4f6e8a0c1b3d5f7e9a2c4b6d8f0e1a3c5b7d9f2e.",
                "Fixed in commit 3b18e512dba79e4c8300dd08aeb37f8e728b8dad.", "The zip code field is optional.",
                "Error code 404 means not found.", "Step a b c is explained below.", "The ratio is 3:2 at 16:9.",
                "I spent two or three days on it.", "He said the key is to keep going.")) {
            assertThat(rules.redact(s, new PlaceholderMap()).text()).as(s).isEqualTo(s);
        }
    }
}
