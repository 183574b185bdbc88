package clay.intelligence.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RedactionTest {
    private final Redactor rules = Redactor.rules(Set.of(), Map.of());

    private String redact(String text) {
        return rules.redact(text, new PlaceholderMap()).text();
    }

    @Test
    void replacesEachKindOfPersonalDataByANumberedPlaceholder() {
        assertThat(redact("Mail jana.novak@seznam.cz or call +44 20 7946 0958")).isEqualTo("Mail <EMAIL_1> or call <PHONE_1>");
        assertThat(redact("IBAN DE89 3704 0044 0532 0130 00 please")).isEqualTo("IBAN <IBAN_1> please");
        assertThat(redact("SSN 078-05-1120")).isEqualTo("SSN <ID_1>");
        assertThat(redact("key sk-proj-4fT9xQ2mZr7LkP0aBcD3eF6gH8iJ")).isEqualTo("key <SECRET_1>");
        assertThat(redact("see /home/mgonzalez/cv.pdf.")).isEqualTo("see <PATH_1>.");
        assertThat(redact("from 203.0.113.77 today")).isEqualTo("from <IP_1> today");
        assertThat(redact("Dear Mr. Okafor, thanks")).isEqualTo("Dear Mr. <PERSON_1>, thanks");
        assertThat(redact("Ship to 42 Elm Street, Springfield, IL 62704 now")).isEqualTo("Ship to <ADDRESS_1> now");
    }

    @Test
    void cardNumbersNeedAValidLuhnChecksumOrACardContext() {
        assertThat(PatternDetector.luhn("4111111111111111")).isTrue();
        assertThat(PatternDetector.luhn("4111111111111112")).isFalse();
        assertThat(redact("pay 4111 1111 1111 1111")).isEqualTo("pay <CARD_1>");
        assertThat(redact("tracking 4111 1111 1111 1112 arrived")).doesNotContain("CARD");
        assertThat(PatternDetector.ibanValid("GB29NWBK60161331926819")).isTrue();
        assertThat(PatternDetector.ibanValid("GB29NWBK60161331926818")).isFalse();
    }

    @Test
    void leavesOrdinaryTextDatesVersionsAndPlacesAlone() {
        for (String s : new String[] {"The deadline is in May, not June.", "Version 3.14.2 fixed issue #4821.",
                "The invoice total is $4,250.00 due on 2025-01-31.", "New York City has five boroughs.",
                "Will the report be ready by Tuesday?", "Mark the third item as done.", "Run ls -la /var/log/nginx now."}) {
            assertThat(redact(s)).as(s).isEqualTo(s);
        }
    }

    @Test
    void theSameValueGetsTheSamePlaceholderAndLaterMentionsOfANameAreCaught() {
        PlaceholderMap map = new PlaceholderMap();
        String a = rules.redact("Invite Aleksandra Kowalczyk and tom@example.org", map).text();
        String b = rules.redact("Kowalczyk replied; cc tom@example.org", map).text();
        assertThat(a).isEqualTo("Invite <PERSON_1> and <EMAIL_1>");
        assertThat(b).isEqualTo("<PERSON_2> replied; cc <EMAIL_1>");
        assertThat(map.restore(b)).isEqualTo("Kowalczyk replied; cc tom@example.org");
    }

    @Test
    void restoresPlaceholdersEchoedBareOrBracketedAndSplitAcrossStreamChunks() {
        PlaceholderMap map = new PlaceholderMap();
        String ph = map.placeholder(DataClass.PERSON, "Maria");
        assertThat(ph).isEqualTo("<PERSON_1>");
        assertThat(map.restore("Hi PERSON_1, [PERSON_1] and <PERSON_1>; <PERSON_9> stays")).isEqualTo("Hi Maria, Maria and Maria; <PERSON_9> stays");
        PlaceholderMap.StreamRestorer s = map.streamRestorer();
        StringBuilder out = new StringBuilder();
        for (String chunk : new String[] {"Dear <PER", "SON", "_1", ">, hello PERSON_", "1! P", "S: ok"}) out.append(s.feed(chunk));
        out.append(s.flush());
        assertThat(out).hasToString("Dear Maria, hello Maria! PS: ok");
    }

    @Test
    void disguisedValuesAreFoundAsWellAsPlainOnes() {
        for (String set : RedactionBench.BUILT_IN) {
            for (long disguiseSeed : new long[] {7, 8}) {
                RedactionBench.Result r = RedactionBench.runBuiltInDisguised(set, 11, disguiseSeed);
                assertThat(r.recall()).as(set + " disguised with seed " + disguiseSeed + " recall, leaks " + r.leaks())
                        .isGreaterThanOrEqualTo(0.95);
                assertThat(r.otherWordsChangedRate()).as(set + " other words changed").isLessThanOrEqualTo(0.03);
                assertThat(r.restoration()).as(set + " restoration").isEqualTo(1.0);
            }
        }
    }

    @Test
    void theHeldOutSetsMeetTheTargets() {
        for (String set : RedactionBench.BUILT_IN.subList(1, 3)) {
            RedactionBench.Result r = RedactionBench.runBuiltIn(set, 11);
            assertThat(r.recall()).as(set + " recall").isGreaterThanOrEqualTo(0.95);
            assertThat(r.otherWordsChangedRate()).as(set + " other words changed").isLessThanOrEqualTo(0.03);
            assertThat(r.restoration()).as(set + " restoration").isEqualTo(1.0);
        }
    }

    @Test
    void theLabelledSetMeetsTheTargets() {
        RedactionBench.Result r = RedactionBench.run(Optional.empty(), 7);
        assertThat(r.sentences()).isGreaterThanOrEqualTo(200);
        assertThat(r.recall()).as("values that never left").isGreaterThanOrEqualTo(0.95);
        assertThat(r.otherWordsChangedRate()).as("other words changed").isLessThanOrEqualTo(0.03);
        assertThat(r.restoration()).as("restoration").isEqualTo(1.0);
    }
}
