package clay.core;

/** Input from outside (a request, a file, a config, model output) that does not have the expected shape. */
public class InvalidInputException extends ClayException {
    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, String fix) {
        super(message, fix);
    }

    public InvalidInputException(String message, String fix, Throwable cause) {
        super(message, fix, cause);
    }

    @Override
    public String kind() {
        return "invalid_input";
    }
}
