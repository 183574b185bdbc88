package clay.fs.extract;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits text into chunks the embedding model reads whole: MiniLM and BGE-small see at most 256 (resp. 512) word
 * pieces, so a chunk holds about {@code maxTokens} estimated word pieces, cut at paragraph, then sentence, then word
 * boundaries, with the last sentence of a chunk repeated at the start of the next for context.
 *
 * <p>Word pieces are estimated (about one per short word, more for long or rare words, one per punctuation mark)
 * rather than counted with the model's tokenizer: the estimate errs high, so chunks stay under the model's limit.
 */
public final class Chunker {
    private final int maxTokens;

    public Chunker(int maxTokens) {
        if (maxTokens < 16) throw new IllegalArgumentException("chunk maxTokens must be >= 16, got " + maxTokens);
        this.maxTokens = maxTokens;
    }

    public List<Chunk> chunk(String text) {
        List<String> units = new ArrayList<>();
        for (String para : text.split("\\n\\s*\\n")) {
            String p = para.strip();
            if (p.isEmpty()) continue;
            if (estimateTokens(p) <= maxTokens) {
                units.add(p);
                continue;
            }
            for (String sentence : p.split("(?<=[.!?;])\\s+|\\n")) {
                String s = sentence.strip();
                if (s.isEmpty()) continue;
                if (estimateTokens(s) <= maxTokens) units.add(s);
                else units.addAll(splitWords(s));
            }
        }
        List<Chunk> chunks = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int curTokens = 0;
        String last = null;
        for (String u : units) {
            int t = estimateTokens(u);
            if (curTokens + t > maxTokens && curTokens > 0) {
                chunks.add(new Chunk(chunks.size(), cur.toString()));
                cur.setLength(0);
                curTokens = 0;
                if (last != null && estimateTokens(last) + t <= maxTokens && estimateTokens(last) < maxTokens / 4) {
                    cur.append(last);
                    curTokens = estimateTokens(last);
                }
            }
            if (!cur.isEmpty()) cur.append('\n');
            cur.append(u);
            curTokens += t;
            last = u;
        }
        if (curTokens > 0) chunks.add(new Chunk(chunks.size(), cur.toString()));
        return chunks;
    }

    private List<String> splitWords(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int tokens = 0;
        for (String w : s.split("\\s+")) {
            int t = estimateTokens(w);
            if (tokens + t > maxTokens && tokens > 0) {
                out.add(cur.toString());
                cur.setLength(0);
                tokens = 0;
            }
            if (!cur.isEmpty()) cur.append(' ');
            cur.append(w.length() > 200 ? w.substring(0, 200) : w);
            tokens += Math.min(t, maxTokens);
        }
        if (tokens > 0) out.add(cur.toString());
        return out;
    }

    /** Estimated word pieces of {@code s}. */
    public static int estimateTokens(String s) {
        int tokens = 0;
        int run = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                run++;
            } else {
                if (run > 0) tokens += 1 + (run - 1) / 6;
                run = 0;
                if (!Character.isWhitespace(c)) tokens++;
            }
        }
        if (run > 0) tokens += 1 + (run - 1) / 6;
        return tokens;
    }
}
