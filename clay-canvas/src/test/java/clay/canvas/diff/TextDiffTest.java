package clay.canvas.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TextDiffTest {
    static String side(List<TextDiff.Segment> d, TextDiff.Op skip) {
        return d.stream().filter(s -> s.op() != skip).map(TextDiff.Segment::text).collect(Collectors.joining());
    }

    @Test
    void marksChangedWordsAndKeepsNumbersWhole() {
        List<TextDiff.Segment> d = TextDiff.words("The base charge is $1,200 per connection.", "The base charge is $1,450 per connection.");
        assertThat(d).extracting(TextDiff.Segment::opName, TextDiff.Segment::text).containsExactly(
                org.assertj.core.groups.Tuple.tuple("same", "The base charge is $"), org.assertj.core.groups.Tuple.tuple("removed", "1,200"),
                org.assertj.core.groups.Tuple.tuple("added", "1,450"), org.assertj.core.groups.Tuple.tuple("same", " per connection."));
    }

    @Test
    void changesReadAsPhrases() {
        List<TextDiff.Segment> d = TextDiff.words("publish the tariff and hold a hearing", "exempt the poor and hold a hearing");
        assertThat(d.getFirst().op()).isEqualTo(TextDiff.Op.REMOVED);
        assertThat(d.get(1).text()).isEqualTo("exempt the poor");
    }

    @Test
    void bothSidesAlwaysReassembleFromRandomEdits() {
        long seed = new Random().nextLong();
        Random r = new Random(seed);
        String[] words = {"the", "fee", "is", "$10", "per", "month", ",", "and", "tax", "\n", "applies"};
        for (int round = 0; round < 200; round++) {
            StringBuilder a = new StringBuilder(), b = new StringBuilder();
            for (int i = 0; i < r.nextInt(40); i++) {
                String w = words[r.nextInt(words.length)] + " ";
                int k = r.nextInt(10);
                if (k > 1) a.append(w);
                if (k != 2) b.append(k == 3 ? words[r.nextInt(words.length)] + " " : w);
            }
            List<TextDiff.Segment> d = TextDiff.words(a.toString(), b.toString());
            assertThat(side(d, TextDiff.Op.ADDED)).as("seed %d", seed).isEqualTo(a.toString());
            assertThat(side(d, TextDiff.Op.REMOVED)).as("seed %d", seed).isEqualTo(b.toString());
        }
    }

    @Test
    void identicalAndEmptyTexts() {
        assertThat(TextDiff.words("same", "same")).extracting(TextDiff.Segment::op).containsExactly(TextDiff.Op.SAME);
        assertThat(TextDiff.words("", "new")).extracting(TextDiff.Segment::op).containsExactly(TextDiff.Op.ADDED);
        assertThat(TextDiff.words("", "")).isEmpty();
    }
}
