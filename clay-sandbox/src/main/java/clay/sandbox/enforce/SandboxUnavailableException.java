package clay.sandbox.enforce;

import clay.core.ClayException;

/** The machine cannot enforce the sandbox a program needs, so Clay refuses to run it. */
public class SandboxUnavailableException extends ClayException {
    public SandboxUnavailableException(String message, String fix) {
        super(message, fix);
    }

    @Override
    public String kind() {
        return "sandbox_unavailable";
    }
}
