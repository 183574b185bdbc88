package clay.fs;

/** How far ClayFS got with a file. Every status but {@code PENDING} is final for the file's current content. */
public enum FileStatus {
    /** Stored and versioned; extraction and indexing are queued. */
    PENDING,
    /** Text extracted, tagged, chunked, embedded and searchable. */
    INDEXED,
    /** A binary format without text (image, archive, executable): versioned and findable by name and metadata only. */
    METADATA_ONLY,
    /** Larger than the configured limit: versioned, findable by name, content not read. */
    TOO_LARGE,
    /** The file could not be read (permissions, vanished while reading). */
    UNREADABLE,
    /** The parser rejected the content (a malformed PDF, a truncated DOCX); findable by name. */
    MALFORMED,
    /** Removed from disk; its versions remain and it can be restored. */
    DELETED;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
