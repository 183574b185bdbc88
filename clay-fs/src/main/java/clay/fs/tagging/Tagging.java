package clay.fs.tagging;

import java.util.List;

/**
 * What tagging says about one file's content.
 *
 * @param docType one of {@link DocTypes#ALL}
 * @param entities named things found, as {@code kind:value} facts (person, org, email, url, money)
 * @param dates ISO dates mentioned in the text
 * @param identifiers normalised identifiers (bill/invoice/order/account numbers) that link files sharing them
 * @param references lower-cased file names the text names or links to
 * @param source {@code rules}, or {@code llm:<model>} when a local model produced summary, type and tags
 */
public record Tagging(String summary, String docType, List<String> tags, List<Fact> entities, List<String> dates,
        List<String> identifiers, List<String> references, String source) {

    /** One extracted fact: {@code kind} such as person, org, email, money; {@code value} as found. */
    public record Fact(String kind, String value) {}
}
