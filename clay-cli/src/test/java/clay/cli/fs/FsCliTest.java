package clay.cli.fs;

import static org.assertj.core.api.Assertions.assertThat;

import clay.cli.CliProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code clay fs ...} and {@code clay bench fs} as a user runs them: real processes, a real daemon. */
class FsCliTest {

    @Test
    void addFindLogTagRelatedGraphThroughTheDaemon(@TempDir Path dir) throws Exception {
        Path cfg = dir.resolve("config.toml");
        Files.writeString(cfg, "[runtime]\nport = 0\n");
        Path docs = Files.createDirectories(dir.resolve("docs"));
        Files.writeString(docs.resolve("water.txt"), "Water bill. Bill number WTR-1002. Amount due $40.00. Account number 7781.");
        Files.writeString(docs.resolve("paid.md"), "# Paid\nPaid WTR-1002 by transfer.\n");
        CliProcess clay = new CliProcess(dir.resolve("home"), cfg);
        try {
            CliProcess.Result add = clay.run(null, "fs", "add", docs.toString());
            assertThat(add.exit()).as(add.err()).isZero();
            assertThat(add.out()).contains("stored 2 file(s)");
            assertThat(add.err()).contains("indexed");

            CliProcess.Result find = clay.run(null, "fs", "find", "--explain", "the", "water", "bill", "I", "added", "today");
            assertThat(find.out()).contains("type: \"bill\"", "persistent/docs/water.txt", "activity");

            assertThat(clay.run(null, "fs", "log", "docs/water.txt").out()).startsWith("v1 ");
            CliProcess.Result tag = clay.run(null, "fs", "tag", "docs/water.txt", "+household", "--type", "bill");
            assertThat(tag.out()).contains("household (yours)");
            assertThat(clay.run(null, "fs", "related", "docs/paid.md").out()).contains("shared-identifier", "WTR-1002");
            assertThat(clay.run(null, "fs", "graph", "--format", "dot").out()).startsWith("digraph clayfs");

            CliProcess.Result outside = clay.run(null, "fs", "log", "../../etc/passwd");
            assertThat(outside.exit()).isEqualTo(1);
            assertThat(outside.err()).contains("error:", "outside ClayFS", "fix:").doesNotContain("\tat ");
        } finally {
            clay.run(null, "runtime", "stop");
        }
    }

    @Test
    void benchFsReportsEveryMethodAsJson(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("corpus.jsonl"), """
                {"_id":"a","title":"Pump fault E4711","text":"The pump shows fault E4711 when the sensor cable is loose."}
                {"_id":"b","title":"Cold radiators","text":"Bleed the air out of radiators that stay cold."}
                {"_id":"c","title":"Sourdough","text":"Feed the starter with flour and water every day."}
                """);
        Files.writeString(dir.resolve("queries.jsonl"), """
                {"_id":"q1","text":"E4711"}
                {"_id":"q2","text":"heaters not warm"}
                """);
        Files.writeString(dir.resolve("qrels.tsv"), "query-id\tcorpus-id\tscore\nq1\ta\t1\nq2\tb\t1\n");
        CliProcess.Result r = new CliProcess(dir.resolve("home"), dir.resolve("c.toml")).run(null, "bench", "fs",
                "--corpus", dir.resolve("corpus.jsonl").toString(), "--queries", dir.resolve("queries.jsonl").toString(),
                "--qrels", dir.resolve("qrels.tsv").toString(), "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"bm25\":{\"ndcg@10\":", "\"vector\":", "\"hybrid\":", "\"recall@100\":", "\"p50_ms\":",
                "\"p95_ms\":", "\"docs_per_second\":");
    }
}
