package clay.intelligence.route;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Checks a local answer whose result can be verified; only a failed check escalates ({@link VerifiedEscalation}).
 * Implementations must not throw for a bad answer: they return {@link Check#failed}.
 */
@FunctionalInterface
public interface Checker {
    /** A check's verdict; {@code failure} says what was wrong, to attach to the escalation. */
    record Check(boolean passed, String failure) {
        public static Check ok() {
            return new Check(true, "");
        }

        public static Check failed(String why) {
            return new Check(false, why);
        }
    }

    Check check(String answer);

    /** The answer must be JSON that validates against {@code schema}. */
    static Checker jsonSchema(JsonNode schema) {
        Schema s = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(schema);
        ObjectMapper json = new ObjectMapper();
        return answer -> {
            JsonNode n;
            try {
                n = json.readTree(answer);
            } catch (Exception e) {
                return Check.failed("not JSON: " + e.getMessage().lines().findFirst().orElse(""));
            }
            if (n == null || n.isMissingNode()) return Check.failed("not JSON: empty answer");
            var errors = s.validate(n);
            return errors.isEmpty() ? Check.ok()
                    : Check.failed("JSON does not match the schema: " + String.join("; ", errors.stream().map(Object::toString).toList()));
        };
    }

    /** The answer must mention each of the given file names. */
    static Checker citesFiles(List<String> fileNames) {
        return answer -> {
            String a = answer.toLowerCase(Locale.ROOT);
            List<String> missing = fileNames.stream().filter(f -> !a.contains(f.toLowerCase(Locale.ROOT))).toList();
            return missing.isEmpty() ? Check.ok() : Check.failed("answer does not cite " + String.join(", ", missing));
        };
    }

    /**
     * The answer is code that must run: {@code runner} runs it (in the sandbox) and returns null on success or the
     * failure (exit code, failing test output).
     */
    static Checker codeRuns(Function<String, String> runner) {
        return answer -> {
            String failure;
            try {
                failure = runner.apply(answer);
            } catch (RuntimeException e) {
                failure = "could not run: " + e.getMessage();
            }
            return failure == null ? Check.ok() : Check.failed("code failed: " + failure);
        };
    }
}
