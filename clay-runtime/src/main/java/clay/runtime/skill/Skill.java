package clay.runtime.skill;

/**
 * Answers one intent. Skills are registered per intent name with {@link Skills#register}; they may stream text through
 * {@link SkillRequest#out()} and must honour {@link SkillRequest#cancelled()} on long work.
 */
@FunctionalInterface
public interface Skill {
    Reply handle(SkillRequest request) throws Exception;
}
