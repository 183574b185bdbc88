package clay.fs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clay.core.ClayHome;
import clay.core.InvalidInputException;
import clay.fs.find.FindResult;
import clay.fs.relate.Graph;
import clay.fs.relate.Relation;
import clay.fs.tagging.TagStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClayFsTest {
    static final Instant TUESDAY = Instant.parse("2026-11-24T10:00:00Z");
    static final String BILL = """
            Northwind Power — Electricity bill
            Bill number: NWP-88231
            Billing period: October 2026. Amount due: $142.17. Due date: 2026-12-05.
            Account number 5512-0099. Meter reading 48213 kWh.""";

    @TempDir Path dir;
    TestFiles.MutableClock clock = new TestFiles.MutableClock(TUESDAY);
    ClayFs fs;

    ClayFs open() {
        fs = ClayFs.open(new ClayHome(dir), FsOptions.defaults().withClock(clock).withCoalesce(Duration.ofSeconds(5)));
        return fs;
    }

    @AfterEach
    void close() {
        if (fs != null) fs.close();
    }

    void indexed() {
        assertThat(fs.awaitIndexed(Duration.ofSeconds(90))).as("indexing finished").isTrue();
    }

    @Test
    void ingestsPdfDocxMarkdownAndCodeAndFindsThemByMeaning() throws Exception {
        open();
        List<clay.fs.index.Indexer.Progress> progress = new java.util.concurrent.CopyOnWriteArrayList<>();
        fs.onProgress(progress::add);
        fs.write("bills/power.pdf", TestFiles.pdf(BILL.split("\n")));
        fs.write("letters/landlord.docx", TestFiles.docx("Dear Mrs Holloway,",
                "I am writing about the broken heating in my flat at 12 Elm Street. It has not worked for two weeks.",
                "Kind regards,", "Sam Taylor"));
        fs.write("notes/garden.md", "# Garden plans\n\n- plant tomatoes and basil in May\n- fix the fence\n- buy compost\n");
        fs.write("code/Fib.java", "public class Fib {\n  static long fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }\n}\n");
        indexed();

        assertThat(fs.files("persistent/")).extracting(FileRecord::status).containsOnly(FileStatus.INDEXED);
        assertThat(progress).extracting(clay.fs.index.Indexer.Progress::path).contains("persistent/bills/power.pdf", "persistent/code/Fib.java");
        assertThat(progress).allSatisfy(p -> assertThat(p.done()).isBetween(1, p.total()));
        assertThat(fs.file("bills/power.pdf").orElseThrow().docType()).isEqualTo("bill");
        assertThat(fs.file("letters/landlord.docx").orElseThrow().docType()).isEqualTo("letter");
        assertThat(fs.file("notes/garden.md").orElseThrow().docType()).isEqualTo("notes");
        assertThat(fs.file("code/Fib.java").orElseThrow().docType()).isEqualTo("code");

        assertThat(top(fs.find("how much do I owe for power"))).isEqualTo("persistent/bills/power.pdf");
        assertThat(top(fs.find("complaint to the landlord about heating"))).isEqualTo("persistent/letters/landlord.docx");
        assertThat(top(fs.find("recursive fibonacci function"))).isEqualTo("persistent/code/Fib.java");
        assertThat(top(fs.find("vegetables to grow"))).isEqualTo("persistent/notes/garden.md");
    }

    @Test
    void taggingWithoutAModelFindsTypeEntitiesDatesAndIdentifiersAndUserTagsWin() throws Exception {
        open();
        fs.write("bills/power.pdf", TestFiles.pdf(BILL.split("\n")));
        indexed();
        FileRecord f = fs.file("bills/power.pdf").orElseThrow();
        assertThat(f.summary()).contains("Electricity bill");
        var facts = fs.facts("bills/power.pdf");
        assertThat(facts).extracting(ff -> ff.kind() + "=" + ff.value())
                .contains("id=NWP-88231", "date=2026-12-05", "entity:money=$142.17", "tagger=rules");
        List<String> ai = fs.tags("bills/power.pdf").stream().map(TagStore.Tag::name).toList();
        assertThat(ai).isNotEmpty();

        String dropped = ai.getFirst();
        var after = fs.tag("bills/power.pdf", List.of("household"), List.of(dropped), Optional.of("invoice"));
        assertThat(after).extracting(TagStore.Tag::name).contains("household").doesNotContain(dropped);
        assertThat(after.getFirst()).isEqualTo(new TagStore.Tag("household", "user"));
        assertThat(fs.file("bills/power.pdf").orElseThrow().docType()).isEqualTo("invoice");

        fs.write("bills/power.pdf", TestFiles.pdf((BILL + "\nReminder: pay soon.").split("\n")));
        indexed();
        assertThat(fs.tags("bills/power.pdf")).extracting(TagStore.Tag::name).contains("household").doesNotContain(dropped);
        assertThat(fs.file("bills/power.pdf").orElseThrow().docType()).as("user type survives re-tagging").isEqualTo("invoice");
        assertThatThrownBy(() -> fs.tag("bills/power.pdf", List.of(), List.of(), Optional.of("spaceship")))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void keepsOnlyMeaningfulVersionsCoalescesRapidSavesAndRestores() {
        open();
        fs.write("notes/plan.md", "v1 line\nshared\n");
        fs.write("notes/plan.md", "v1 line\nshared\n");
        assertThat(fs.log("notes/plan.md")).as("identical content is not a version").hasSize(1);

        clock.advance(Duration.ofSeconds(30));
        fs.write("notes/plan.md", "v2 draft\nshared\n");
        clock.advance(Duration.ofSeconds(1));
        fs.write("notes/plan.md", "v2 line\nshared\n");
        List<VersionInfo> log = fs.log("notes/plan.md");
        assertThat(log).as("rapid saves coalesce").hasSize(2);
        assertThat(log.get(1).saves()).isEqualTo(2);

        clock.advance(Duration.ofMinutes(5));
        fs.write("notes/plan.md", "v3 line\nshared\nmore\n");
        assertThat(fs.log("notes/plan.md")).hasSize(3);
        assertThat(fs.diff("notes/plan.md", 1, 3)).containsExactly("- v1 line", "+ v3 line", "  shared", "+ more", "  ");

        clock.advance(Duration.ofMinutes(5));
        FileRecord restored = fs.restore("notes/plan.md", 1);
        assertThat(restored.version()).isEqualTo(4);
        assertThat(new String(fs.read("notes/plan.md"), UTF_8)).isEqualTo("v1 line\nshared\n");
        assertThat(fs.log("notes/plan.md").get(3).reason()).isEqualTo("restore of v1");
        assertThat(fs.log("notes/plan.md").get(3).hash()).as("deduplicated blob").isEqualTo(fs.log("notes/plan.md").get(0).hash());
    }

    @Test
    void recoveryRescanNeverCoalescesAwayTheLastAcknowledgedVersion() throws Exception {
        open();
        FileRecord acked = fs.write("notes/log.txt", "acknowledged\n");
        fs.close();
        // the state a kill -9 leaves between the next write's rename and its catalogue commit
        Files.writeString(dir.resolve("clay/persistent/notes/log.txt"), "renamed but never committed\n");
        open(); // same clock instant: well inside the 5 s coalesce window
        List<VersionInfo> log = fs.log("notes/log.txt");
        assertThat(log).extracting(VersionInfo::hash).as("acknowledged version kept, found content added")
                .containsExactly(acked.hash(), clay.fs.store.BlobStore.sha256("renamed but never committed\n".getBytes(UTF_8)));
        assertThat(log.get(1).reason()).isEqualTo("rescan");
        assertThat(new String(fs.read("notes/log.txt", 1), UTF_8)).isEqualTo("acknowledged\n");
    }

    @Test
    void retentionThinsOldVersionsButKeepsTheNewest() {
        fs = ClayFs.open(new ClayHome(dir), FsOptions.defaults().withClock(clock).withCoalesce(Duration.ZERO)
                .withRetention(new RetentionPolicy(Duration.ofDays(1), Duration.ofDays(30), 2)));
        for (int i = 0; i < 10; i++) {
            fs.write("notes/diary.md", "entry " + i);
            clock.advance(Duration.ofHours(2));
        }
        clock.advance(Duration.ofDays(3));
        int removed = fs.prune();
        List<VersionInfo> left = fs.log("notes/diary.md");
        assertThat(removed).isPositive();
        assertThat(left.size()).isLessThan(10);
        assertThat(left.getLast().seq()).isEqualTo(10);
        assertThat(new String(fs.read("notes/diary.md"), UTF_8)).isEqualTo("entry 9");
    }

    @Test
    void temporalQueriesUseTheActivityLog() throws Exception {
        open();
        fs.write("bills/power.pdf", TestFiles.pdf(BILL.split("\n")));
        clock.set(Instant.parse("2026-11-17T09:00:00Z"));
        fs.write("bills/water.txt", "Water bill. Bill number WTR-1002. Amount due $40.00. Due date 2026-11-30. Account number 7781.");
        clock.set(Instant.parse("2026-11-24T15:00:00Z"));
        fs.write("notes/shopping.md", "# Shopping\n- milk\n- eggs\n- bread\n- notes on what to buy\n");
        clock.set(Instant.parse("2026-11-27T12:00:00Z"));
        fs.opened("bills/water.txt", null);
        indexed();

        FindResult tuesday = fs.find("that bill I was working on Tuesday");
        assertThat(tuesday.hits()).extracting(h -> h.file().path()).containsExactly("persistent/bills/power.pdf");
        assertThat(tuesday.reading().docType()).contains("bill");
        assertThat(tuesday.reading().time().orElseThrow().phrase()).contains("Tuesday, 2026-11-24");
        assertThat(tuesday.explain()).contains("working on", "type: bill", "ordered by last change");
        assertThat(fs.find("electricity bill I was working on Tuesday").explain()).contains("BM25 rank 1");

        FindResult lastWeek = fs.find("bills from last week");
        assertThat(lastWeek.hits()).extracting(h -> h.file().path()).containsExactly("persistent/bills/water.txt");

        FindResult opened = fs.find("the bill I opened today");
        assertThat(opened.hits()).extracting(h -> h.file().path()).containsExactly("persistent/bills/water.txt");
    }

    @Test
    void relationsHaveReasonsAndExportAsJsonAndDot() throws Exception {
        open();
        fs.write("bills/power.pdf", TestFiles.pdf(BILL.split("\n")));
        fs.write("notes/payments.md", "# Payments\nPaid bill NWP-88231 by bank transfer. See [the bill](power.pdf) and budget.csv.\n");
        fs.write("budget.csv", "month,amount\nOctober,142.17\n");
        fs.write("notes/heat1.md", "The heating in the flat is broken and the radiator stays cold all day.");
        fs.write("notes/heat2.md", "Our heating is broken again; the radiators are cold and the flat is freezing.");
        fs.opened("notes/heat1.md", "landlord complaint");
        fs.opened("budget.csv", "landlord complaint");
        indexed();
        fs.createEphemeral("chart.html", "<html><body>Chart of payments</body></html>".getBytes(UTF_8), Optional.empty(),
                Optional.of("notes/payments.md"));

        List<Relation> rel = fs.related("notes/payments.md");
        assertThat(rel).anySatisfy(r -> {
            assertThat(r.path()).isEqualTo("persistent/bills/power.pdf");
            assertThat(r.kind()).isEqualTo("shared-identifier");
            assertThat(r.reason()).contains("NWP-88231");
        });
        assertThat(rel).anySatisfy(r -> assertThat(r.kind() + " " + r.path()).isEqualTo("references persistent/bills/power.pdf"));
        assertThat(rel).anySatisfy(r -> assertThat(r.kind() + " " + r.path()).isEqualTo("references persistent/budget.csv"));
        assertThat(rel).anySatisfy(r -> assertThat(r.kind() + " " + r.path()).isEqualTo("provenance ephemeral/chart.html"));
        assertThat(fs.related("notes/heat1.md")).anySatisfy(r -> {
            assertThat(r.kind() + " " + r.path()).isEqualTo("similar persistent/notes/heat2.md");
            assertThat(r.reason()).startsWith("similar content (cosine");
        });
        assertThat(fs.related("budget.csv")).anySatisfy(r -> {
            assertThat(r.kind() + " " + r.path()).isEqualTo("co-activity persistent/notes/heat1.md");
            assertThat(r.reason()).contains("landlord complaint");
        });

        Graph g = fs.graph("");
        assertThat(g.toJson().get("nodes").size()).isEqualTo(6);
        assertThat(g.toJson().get("edges").toString()).contains("shared-identifier", "NWP-88231");
        assertThat(g.toDot()).startsWith("digraph clayfs {").contains("label=\"shared-identifier\"");
    }

    @Test
    void ephemeralItemsExpireAndKeepPromotesWithHistoryAndLinks() {
        open();
        fs.write("notes/source.md", "Quarterly sales numbers for the west region.");
        FileRecord chart = fs.createEphemeral("chart.html", "<p>sales chart v1</p>".getBytes(UTF_8), Optional.of(Duration.ofHours(1)),
                Optional.of("notes/source.md"));
        FileRecord temp = fs.createEphemeral("scratch.txt", "temporary".getBytes(UTF_8), Optional.of(Duration.ofMinutes(10)),
                Optional.empty());
        assertThat(chart.expiresAt()).contains(TUESDAY.plus(Duration.ofHours(1)));
        clock.advance(Duration.ofMinutes(1));
        fs.createEphemeral("chart.html", "<p>sales chart v2</p>".getBytes(UTF_8), Optional.of(Duration.ofHours(1)), Optional.empty());

        FileRecord kept = fs.keep("ephemeral/chart.html", Optional.of("reports/sales-chart.html"));
        assertThat(kept.path()).isEqualTo("persistent/reports/sales-chart.html");
        assertThat(kept.expiresAt()).isEmpty();
        assertThat(Files.exists(dir.resolve("clay/persistent/reports/sales-chart.html"))).isTrue();
        assertThat(fs.log("reports/sales-chart.html")).extracting(VersionInfo::reason)
                .containsExactly("generated", "generated", "keep (from ephemeral/chart.html)");
        assertThat(fs.related("reports/sales-chart.html")).anySatisfy(r -> assertThat(r.kind()).isEqualTo("provenance"));

        clock.advance(Duration.ofHours(2));
        assertThat(fs.cleanupExpired()).isEqualTo(1);
        assertThat(Files.exists(dir.resolve("clay/ephemeral/scratch.txt"))).isFalse();
        assertThat(fs.file("ephemeral/scratch.txt").orElseThrow().status()).isEqualTo(FileStatus.DELETED);
        assertThat(fs.file("reports/sales-chart.html")).isPresent();
        assertThat(temp.id()).isNotEqualTo(kept.id());
    }

    @Test
    void badInputGetsAClearStatusAndNeverStopsTheIndexer() throws Exception {
        fs = ClayFs.open(new ClayHome(dir), FsOptions.defaults().withClock(clock).withMaxFileBytes(200_000));
        byte[] noise = new byte[50_000];
        new Random(42).nextBytes(noise);
        fs.write("blob.bin", noise);
        fs.write("broken.pdf", "%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage without xref".getBytes(UTF_8));
        fs.write("broken.docx", "PK\u0003\u0004 not really a zip".getBytes(UTF_8));
        Path huge = dir.resolve("huge.txt");
        Files.write(huge, "word ".repeat(60_000).getBytes(UTF_8));
        fs.add(huge, "", r -> {});
        fs.write("fine.md", "A perfectly normal note about sailing boats.");
        indexed();

        assertThat(fs.file("blob.bin").orElseThrow().status()).isEqualTo(FileStatus.METADATA_ONLY);
        assertThat(fs.file("blob.bin").orElseThrow().statusDetail()).contains("binary");
        assertThat(fs.file("broken.pdf").orElseThrow().status()).isEqualTo(FileStatus.MALFORMED);
        assertThat(fs.file("broken.pdf").orElseThrow().statusDetail()).startsWith("could not parse");
        assertThat(fs.file("broken.docx").orElseThrow().status()).isIn(FileStatus.MALFORMED, FileStatus.METADATA_ONLY);
        assertThat(fs.file("huge.txt").orElseThrow().status()).isEqualTo(FileStatus.TOO_LARGE);
        assertThat(fs.file("huge.txt").orElseThrow().statusDetail()).contains("over the");
        assertThat(fs.file("fine.md").orElseThrow().status()).isEqualTo(FileStatus.INDEXED);
        assertThat(top(fs.find("sailing boats"))).isEqualTo("persistent/fine.md");
        assertThat(top(fs.find("huge.txt"))).as("oversized files are findable by name").isEqualTo("persistent/huge.txt");
    }

    @Test
    void pathsOutsideTheClayFsRootAreRefused() throws Exception {
        open();
        assertThatThrownBy(() -> fs.write("../../etc/passwd", "x")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("outside ClayFS");
        assertThatThrownBy(() -> fs.write("/etc/passwd", "x")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> fs.write(dir.resolve("clay/context/x.db").toString(), "x")).isInstanceOf(InvalidInputException.class);
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.createSymbolicLink(dir.resolve("clay/persistent/link"), outside);
        assertThatThrownBy(() -> fs.write("link/evil.txt", "x")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("symbolic link");
        assertThat(Files.exists(outside.resolve("evil.txt"))).isFalse();
    }

    @Test
    void aLinkFromOneSpaceIntoClaysOtherDirectoriesIsRefused() throws Exception {
        open();
        Path generated = Files.createDirectories(dir.resolve("clay/generated/helper"));
        Path manifest = Files.writeString(generated.resolve("manifest.json"), "{\"trust\":\"AI_GENERATED\"}");
        Files.createDirectories(dir.resolve("clay/ephemeral"));
        Files.createSymbolicLink(dir.resolve("clay/persistent/gen_link"), Path.of("../generated"));
        Files.createSymbolicLink(dir.resolve("clay/persistent/eph_link"), Path.of("../ephemeral"));
        Files.createSymbolicLink(dir.resolve("clay/ephemeral/back"), Path.of("../persistent"));

        assertThatThrownBy(() -> fs.write("gen_link/helper/manifest.json", "{}")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("symbolic link");
        assertThatThrownBy(() -> fs.write("gen_link/new.txt", "x")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> fs.read("gen_link/helper/manifest.json")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> fs.write("persistent/eph_link/x.txt", "x")).as("persistent -> ephemeral")
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> fs.write("ephemeral/back/x.txt", "x")).as("ephemeral -> persistent")
                .isInstanceOf(InvalidInputException.class);
        assertThat(manifest).hasContent("{\"trust\":\"AI_GENERATED\"}");
        assertThat(generated.resolve("../new.txt")).doesNotExist();

        Files.createDirectories(dir.resolve("clay/persistent/notes"));
        Files.createSymbolicLink(dir.resolve("clay/persistent/inside"), Path.of("notes"));
        assertThat(fs.write("inside/ok.txt", "fine")).as("a link that stays inside the space still works").isNotNull();
    }

    @Test
    void watcherSeesCreateEditMoveDeleteAndRescanCatchesChangesWhileClosed() throws Exception {
        fs = ClayFs.open(new ClayHome(dir), FsOptions.defaults().withCoalesce(Duration.ZERO));
        fs.watch(Duration.ofMillis(150));
        Path p = dir.resolve("clay/persistent");
        Files.createDirectories(p.resolve("inbox"));
        Files.writeString(p.resolve("inbox/todo.txt"), "call the plumber");
        awaitFile("inbox/todo.txt", f -> f.version() == 1);
        Files.writeString(p.resolve("inbox/todo.txt"), "call the plumber and the electrician");
        awaitFile("inbox/todo.txt", f -> f.version() == 2);
        long id = fs.file("inbox/todo.txt").orElseThrow().id();
        Files.createDirectories(p.resolve("done"));
        Files.move(p.resolve("inbox/todo.txt"), p.resolve("done/todo.txt"));
        awaitFile("done/todo.txt", f -> f.id() == id);
        assertThat(fs.log("done/todo.txt")).as("history follows a move").hasSize(2);
        Files.delete(p.resolve("done/todo.txt"));
        awaitFile("done/todo.txt", f -> f.status() == FileStatus.DELETED);
        fs.close();

        Files.writeString(p.resolve("offline.md"), "written while Clay was down");
        fs = ClayFs.open(new ClayHome(dir), FsOptions.defaults());
        assertThat(fs.file("offline.md")).isPresent();
        indexed();
        assertThat(top(fs.find("written while down"))).isEqualTo("persistent/offline.md");
    }

    private void awaitFile(String path, java.util.function.Predicate<FileRecord> ok) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < end) {
            Optional<FileRecord> f = fs.file(path);
            if (f.isPresent() && ok.test(f.get())) return;
            Thread.sleep(50);
        }
        throw new AssertionError("watcher did not report " + path + " as expected; now: " + fs.file(path));
    }

    static String top(FindResult r) {
        assertThat(r.hits()).as("hits for %s\n%s", r.reading().query(), r.explain()).isNotEmpty();
        return r.hits().getFirst().file().path();
    }

    static Set<String> paths(FindResult r) {
        return Set.copyOf(r.hits().stream().map(h -> h.file().path()).toList());
    }
}
