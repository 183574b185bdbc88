package clay.fs.extract;

import clay.fs.FileStatus;
import java.io.ByteArrayInputStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.WriteLimitReachedException;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.sax.BodyContentHandler;

/**
 * Text and metadata out of any file with Apache Tika (PDF, DOCX/ODT, HTML, Markdown, e-mail, source code, plain
 * text). Bad input never throws: a malformed, encrypted or binary file comes back as an {@link Extraction} whose
 * status says so, so one bad file cannot stop the indexer. Thread-safe.
 */
public final class TextExtractor {
    private static final String[] KEPT_METADATA = {
        "dc:title", "dc:creator", "dc:subject", "dcterms:created", "dcterms:modified", "xmpTPg:NPages", "meta:page-count",
        "Message-From", "Message-To", "Message-Cc", "dc:description", "Content-Type", "Content-Encoding", "tiff:ImageWidth",
        "tiff:ImageLength", "Application-Name"
    };

    private final Parser parser = new AutoDetectParser();
    private final int maxChars;

    public TextExtractor(int maxChars) {
        if (maxChars < 1) throw new IllegalArgumentException("maxChars must be >= 1, got " + maxChars);
        this.maxChars = maxChars;
    }

    public Extraction extract(byte[] content, String fileName) {
        Metadata md = new Metadata();
        md.set(TikaCoreProperties.RESOURCE_NAME_KEY, fileName);
        BodyContentHandler handler = new BodyContentHandler(maxChars);
        boolean truncated = false;
        try {
            parser.parse(new ByteArrayInputStream(content), handler, md, new ParseContext());
        } catch (EncryptedDocumentException e) {
            return Extraction.without(FileStatus.METADATA_ONLY, "encrypted; content not readable", mime(md));
        } catch (Exception e) {
            if (WriteLimitReachedException.isWriteLimitReached(e)) {
                truncated = true;
            } else {
                return Extraction.without(FileStatus.MALFORMED, "could not parse as " + mime(md) + ": " + reason(e), mime(md));
            }
        } catch (StackOverflowError | NoClassDefFoundError e) {
            return Extraction.without(FileStatus.MALFORMED, "parser failed on this file: " + e, mime(md));
        }
        String text = clean(handler.toString());
        String mime = mime(md);
        Map<String, String> kept = new LinkedHashMap<>();
        for (String key : KEPT_METADATA) {
            String v = md.get(key);
            if (v != null && !v.isBlank()) kept.put(key, v.strip());
        }
        String title = firstNonBlank(md.get(TikaCoreProperties.TITLE), md.get("dc:subject"));
        if (text.isBlank()) {
            String detail = textual(mime) ? "no text in file" : "binary (" + mime + "): metadata only";
            return new Extraction(FileStatus.METADATA_ONLY, detail, "", mime, title, kept, false);
        }
        String detail = truncated ? "text truncated at " + maxChars + " characters" : "";
        return new Extraction(FileStatus.INDEXED, detail, text, mime, title, kept, truncated);
    }

    private static String reason(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return m.length() > 200 ? m.substring(0, 200) + "…" : m;
    }

    private static boolean textual(String mime) {
        return mime.startsWith("text/") || mime.contains("xml") || mime.contains("json") || mime.contains("message/");
    }

    private static String mime(Metadata md) {
        String ct = md.get(Metadata.CONTENT_TYPE);
        if (ct == null) return "application/octet-stream";
        int semi = ct.indexOf(';');
        return (semi < 0 ? ct : ct.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) if (v != null && !v.isBlank()) return v.strip();
        return "";
    }

    /** Normalises whitespace: no runs of blank lines, no trailing spaces, no NULs. */
    static String clean(String raw) {
        String s = raw.replace('\u0000', ' ').replace("\r\n", "\n").replace('\r', '\n');
        s = s.replaceAll("[ \\t\\x0B\\f]+\\n", "\n").replaceAll("\\n{3,}", "\n\n");
        return s.strip();
    }
}
