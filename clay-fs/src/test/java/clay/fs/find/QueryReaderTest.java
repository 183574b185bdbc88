package clay.fs.find;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class QueryReaderTest {
    static final ZonedDateTime FRIDAY = ZonedDateTime.ofInstant(Instant.parse("2026-11-27T12:00:00Z"), ZoneOffset.UTC);
    final QueryReader reader = new QueryReader(new IntelligenceTimeResolver());

    @Test
    void readsTypeTimeAndActivityOutOfASentence() {
        QueryReading r = reader.read("that bill I was working on Tuesday", FRIDAY);
        assertThat(r.docType()).contains("bill");
        assertThat(r.activity()).contains("edited");
        assertThat(r.time().orElseThrow().from()).isEqualTo(Instant.parse("2026-11-24T00:00:00Z"));
        assertThat(r.time().orElseThrow().to()).isEqualTo(Instant.parse("2026-11-25T00:00:00Z"));
        assertThat(r.text()).isEmpty();
    }

    @Test
    void keepsTheTopicWordsAndReadsOpenedAndLastWeek() {
        QueryReading r = reader.read("python scripts about invoices I opened last week", FRIDAY);
        assertThat(r.docType()).contains("code");
        assertThat(r.activity()).containsExactly("opened");
        assertThat(r.time().orElseThrow().from()).isEqualTo(Instant.parse("2026-11-16T00:00:00Z"));
        assertThat(r.text()).isEqualTo("python invoices");
    }

    @Test
    void withoutTimeOrTypeTheWholeQueryIsText() {
        QueryReading r = reader.read("sourdough starter feeding schedule", FRIDAY);
        assertThat(r.docType()).isEmpty();
        assertThat(r.time()).isEmpty();
        assertThat(r.activity()).isEmpty();
        assertThat(r.text()).isEqualTo("sourdough starter feeding schedule");
    }

    @Test
    void recentlyMeansThePastTwoWeeks() {
        QueryReading r = reader.read("notes I changed recently", FRIDAY);
        assertThat(r.docType()).contains("notes");
        assertThat(r.time().orElseThrow().from()).isEqualTo(FRIDAY.minusDays(14).toInstant());
        assertThat(r.text()).isEmpty();
    }
}
