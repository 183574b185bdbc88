package clay.runtime.skill;

import java.util.List;

/**
 * A skill for an intent of safety class {@code destroys}. The runtime never calls {@link #handle} on a sentence: it
 * asks for a {@link Preview} of exactly what would go, shows it, and runs {@link Preview#action()} only on the user's
 * yes.
 */
public interface DestructiveSkill extends Skill {
    /** What the request would remove, without removing anything. */
    Preview preview(SkillRequest request) throws Exception;

    @Override
    default Reply handle(SkillRequest request) throws Exception {
        return preview(request).action().run();
    }

    /**
     * What would go and how to do it.
     *
     * @param what the request in a few words ("memories about tom")
     * @param count how many items would go
     * @param items a line per item; previews show the first few
     * @param command the explicit command that does the same without asking ({@code clay memory forget --about tom})
     * @param action removes exactly the previewed items
     */
    record Preview(String what, int count, List<String> items, String command, Action action) {
        public Preview {
            items = List.copyOf(items);
        }

        /** The preview as the user reads it: count, what, and the first {@code first} items. */
        public String describe(int first) {
            StringBuilder sb = new StringBuilder("This would remove ").append(count).append(' ').append(what).append(':');
            items.stream().limit(first).forEach(i -> sb.append("\n  - ").append(i.length() > 120 ? i.substring(0, 119) + "…" : i));
            if (items.size() > first) sb.append("\n  … and ").append(items.size() - first).append(" more");
            return sb.toString();
        }
    }

    /** The removal itself. */
    @FunctionalInterface
    interface Action {
        Reply run() throws Exception;
    }
}
