package clay.sandbox;

/** The OS mechanisms that can enforce a sandbox. */
public enum BackendKind {
    /** Linux namespaces, bind mounts and seccomp through {@code bwrap}. */
    BUBBLEWRAP,
    /** gVisor's user-space kernel through {@code runsc --rootless}; no network grants. */
    GVISOR
}
