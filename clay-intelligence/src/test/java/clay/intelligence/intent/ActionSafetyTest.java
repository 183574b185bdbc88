package clay.intelligence.intent;

import static org.assertj.core.api.Assertions.assertThat;

import clay.core.Intent;
import clay.core.Source;
import clay.core.Utterance;
import clay.intelligence.time.TimeExpressions;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The catalog's safety classes, and the negatives: questions and harmless sentences are never read as actions. */
class ActionSafetyTest {
    static IntentParser parser;
    static IntentCatalog catalog = IntentCatalog.builtin();

    @BeforeAll
    static void fit() {
        ZoneId zone = ZoneId.of("Europe/Berlin");
        parser = new IntentParser(catalog, TextEncoder.minilm(), new TimeExpressions(Clock.system(zone), zone), Optional::empty);
    }

    @Test
    void everyBuiltInIntentDeclaresASafetyClassAndTheDestructiveOnesSaySo() {
        assertThat(catalog.all()).allSatisfy(d -> assertThat(d.safety()).isNotNull());
        assertThat(catalog.all().stream().filter(d -> d.safety() == SafetyClass.DESTROYS).map(IntentDefinition::name))
                .containsExactlyInAnyOrder("forget", "delete_file");
        assertThat(catalog.find("remember").orElseThrow().safety()).isEqualTo(SafetyClass.CREATES);
        assertThat(catalog.find("recall").orElseThrow().safety()).isEqualTo(SafetyClass.READ_ONLY);
        assertThat(catalog.toJson().path("intents").findValuesAsText("safety")).doesNotContainNull().hasSize(catalog.all().size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"what do you remember about me", "what do you know about me", "do you know my locker code",
            "what did i tell you about tom", "what did I tell you about my dentist?", "do you remember my wife's birthday",
            "what have you stored about me", "did i ask you to forget my address?", "what would you forget if i asked",
            "do you keep notes about me", "what did i say about the budget", "is my locker code saved?",
            "have you deleted anything", "what do you remember"})
    void aQuestionIsNeverAnAction(String question) {
        Intent i = parser.parse(Utterance.text(question));
        SafetyClass safety = catalog.find(i.name()).map(IntentDefinition::safety).orElse(SafetyClass.READ_ONLY);
        assertThat(safety).as("%s read as %s", question, i.name()).isEqualTo(SafetyClass.READ_ONLY);
    }

    @Test
    void questionsAboutWhatClayKnowsAreAnsweredAsRecall() {
        assertThat(parser.parse(Utterance.text("what do you remember about me")).name()).isEqualTo("recall");
        assertThat(parser.parse(Utterance.text("do you know my locker code")).name()).isEqualTo("recall");
        assertThat(parser.parse(Utterance.text("what did i tell you about tom")).name()).isEqualTo("recall");
    }

    @Test
    void destructiveVerbsCountOnlyAsWholeWords() {
        assertThat(ActionGuard.saysToDestroy("forget my locker code")).isTrue();
        assertThat(ActionGuard.saysToDestroy("Please DELETE draft.txt")).isTrue();
        assertThat(ActionGuard.saysToDestroy("I am forgetful about nuclear cleared deletes")).isFalse();
        assertThat(ActionGuard.saysToDestroy("tell me a long story about a dragon number 7")).isFalse();
    }

    @Test
    void aDestructiveReadingNeedsConfidenceAVerbAndThenTheUsersYes() {
        assertThat(ActionGuard.judge(read("forget", "clear", 0.006), SafetyClass.DESTROYS)).isInstanceOf(ActionGuard.Verdict.Refuse.class);
        assertThat(ActionGuard.judge(read("forget", "the tom thing", 0.95), SafetyClass.DESTROYS)).isInstanceOf(ActionGuard.Verdict.Refuse.class);
        assertThat(ActionGuard.judge(read("forget", "what do you remember about me", 0.95), SafetyClass.DESTROYS))
                .isInstanceOf(ActionGuard.Verdict.Refuse.class);
        assertThat(ActionGuard.judge(read("forget", "forget my locker code", 0.9), SafetyClass.DESTROYS)).isInstanceOf(ActionGuard.Verdict.Confirm.class);
        Intent button = new Intent("forget", Map.of(), 1.0, Source.GESTURE, Map.of());
        assertThat(ActionGuard.judge(button, SafetyClass.DESTROYS)).isInstanceOf(ActionGuard.Verdict.Confirm.class);
    }

    @Test
    void anUnsureCreatingReadingIsOnlySuggested() {
        assertThat(ActionGuard.judge(read("remember", "tell me a long story about a dragon number 7", 0.01), SafetyClass.CREATES))
                .isInstanceOf(ActionGuard.Verdict.Suggest.class);
        assertThat(ActionGuard.judge(read("remember", "remember that my dentist is Dr. Ames", 0.9), SafetyClass.CREATES))
                .isInstanceOf(ActionGuard.Verdict.Act.class);
        assertThat(ActionGuard.judge(read("get_time", "what time is it", 0.01), SafetyClass.READ_ONLY)).isInstanceOf(ActionGuard.Verdict.Act.class);
        assertThat(ActionGuard.isQuestion("can you remember that i like tea")).isFalse();
    }

    private static Intent read(String name, String text, double confidence) {
        return new Intent(name, Map.of(), confidence, Source.TEXT, Map.of("text", text));
    }
}
