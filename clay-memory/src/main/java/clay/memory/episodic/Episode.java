package clay.memory.episodic;

/**
 * A recorded interaction with its id (the source that recall and answers cite as "episode #id").
 *
 * @param id database id
 * @param interaction what happened
 */
public record Episode(long id, Interaction interaction) {
    public String source() {
        return "episode #" + id + ", " + interaction.at();
    }
}
