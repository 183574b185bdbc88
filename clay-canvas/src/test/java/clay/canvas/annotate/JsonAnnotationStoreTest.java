package clay.canvas.annotate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clay.core.ClayHome;
import clay.core.InvalidInputException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonAnnotationStoreTest {
    @TempDir Path dir;

    @Test
    void notesSurviveReopeningAndStayWithTheirFileVersion() {
        ClayHome home = new ClayHome(dir);
        FileKey v1 = FileKey.of("/docs/bill.txt", "version one"), v2 = FileKey.of("/docs/bill.txt", "version two");
        Annotation a = JsonAnnotationStore.open(home).add(v1, 0, 7, "version", "check this");
        JsonAnnotationStore.open(home).add(v1, 8, 11, "one", "and this");
        AnnotationStore reopened = JsonAnnotationStore.open(home);
        assertThat(reopened.list(v1)).extracting(Annotation::note).containsExactly("check this", "and this");
        assertThat(reopened.list(v2)).isEmpty();
        assertThat(reopened.remove(v1, a.id())).isTrue();
        assertThat(reopened.remove(v1, a.id())).isFalse();
        assertThat(JsonAnnotationStore.open(home).list(v1)).singleElement().extracting(Annotation::quote).isEqualTo("one");
    }

    @Test
    void rejectsEmptyNotesAndBackwardSpans() {
        AnnotationStore s = JsonAnnotationStore.open(new ClayHome(dir));
        FileKey k = FileKey.of("/a", "b");
        assertThatThrownBy(() -> s.add(k, 0, 1, "b", " ")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> s.add(k, 5, 1, "b", "note")).isInstanceOf(InvalidInputException.class);
        assertThat(s.list(k)).isEmpty();
    }
}
