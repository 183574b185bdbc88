package clay.fs.tagging;

import java.util.List;
import java.util.Map;

/** The closed vocabulary of document types, and the words a query may use for each. */
public final class DocTypes {
    public static final List<String> ALL = List.of("letter", "bill", "invoice", "receipt", "contract", "report", "notes",
            "code", "email", "recipe", "spreadsheet", "presentation", "image", "audio", "video", "archive", "document");

    /** Query words (singular and plural) that name a type. */
    public static final Map<String, String> WORDS = Map.ofEntries(
            Map.entry("letter", "letter"), Map.entry("letters", "letter"),
            Map.entry("bill", "bill"), Map.entry("bills", "bill"),
            Map.entry("invoice", "invoice"), Map.entry("invoices", "invoice"),
            Map.entry("receipt", "receipt"), Map.entry("receipts", "receipt"),
            Map.entry("contract", "contract"), Map.entry("contracts", "contract"), Map.entry("agreement", "contract"),
            Map.entry("report", "report"), Map.entry("reports", "report"), Map.entry("paper", "report"),
            Map.entry("notes", "notes"), Map.entry("note", "notes"),
            Map.entry("code", "code"), Map.entry("script", "code"), Map.entry("scripts", "code"), Map.entry("program", "code"),
            Map.entry("programs", "code"), Map.entry("source", "code"),
            Map.entry("email", "email"), Map.entry("emails", "email"), Map.entry("mail", "email"), Map.entry("e-mail", "email"),
            Map.entry("recipe", "recipe"), Map.entry("recipes", "recipe"),
            Map.entry("spreadsheet", "spreadsheet"), Map.entry("presentation", "presentation"), Map.entry("slides", "presentation"),
            Map.entry("image", "image"), Map.entry("photo", "image"), Map.entry("picture", "image"), Map.entry("photos", "image"));

    private DocTypes() {}
}
