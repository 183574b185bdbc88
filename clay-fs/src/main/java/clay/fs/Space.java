package clay.fs;

/** Where a file lives: the user's watched, versioned files, or generated content with an expiry. */
public enum Space {
    PERSISTENT("persistent"),
    EPHEMERAL("ephemeral");

    private final String dir;

    Space(String dir) {
        this.dir = dir;
    }

    /** The directory name under {@code $CLAY_HOME/clay}, which is also the first segment of every ClayFS path. */
    public String dir() {
        return dir;
    }

    public static Space ofPath(String path) {
        return path.startsWith("ephemeral/") ? EPHEMERAL : PERSISTENT;
    }
}
