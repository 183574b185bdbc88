package clay.core;

/** No model can answer: none configured, the file is missing or corrupt, or the service cannot be reached. */
public class ModelUnavailableException extends ClayException {
    private final boolean retriable;

    public ModelUnavailableException(String message, String fix) {
        this(message, fix, false, null);
    }

    public ModelUnavailableException(String message, String fix, boolean retriable, Throwable cause) {
        super(message, fix, cause);
        this.retriable = retriable;
    }

    @Override
    public boolean retriable() {
        return retriable;
    }

    @Override
    public String kind() {
        return "model_unavailable";
    }
}
