package clay.sandbox.manifest;

import clay.core.Capability;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The capabilities a program declares in its source header. A program that declares nothing gets nothing.
 *
 * @param capabilities declared capabilities, in order, without duplicates
 * @param hasHeader whether the source carried an {@code @requires(...)} line at all ({@code @requires([])} counts)
 */
public record Manifest(List<Capability> capabilities, boolean hasHeader) {
    public Manifest {
        capabilities = List.copyOf(capabilities.stream().distinct().toList());
    }

    public static Manifest none() {
        return new Manifest(List.of(), false);
    }

    public boolean declares(Capability c) {
        return capabilities.contains(c);
    }

    public List<Capability> ofKind(Capability.Kind kind) {
        return capabilities.stream().filter(c -> c.kind() == kind).toList();
    }

    public Set<String> wireNames() {
        return capabilities.stream().map(Capability::toString).collect(Collectors.toCollection(java.util.LinkedHashSet::new));
    }

    /** The header line a program of {@code language} would carry for these capabilities. */
    public String headerLine(Language language) {
        Objects.requireNonNull(language);
        String list = capabilities.stream().map(c -> "\"" + c + "\"").collect(Collectors.joining(", "));
        return language.lineComment() + " @requires([" + list + "])";
    }
}
