package clay.cli;

import java.io.Console;

/** Whether a person is at the keyboard: stdin and stdout are a terminal. */
public final class Terminals {
    private Terminals() {}

    /**
     * True when there is a terminal to ask on. From JDK 22 {@link System#console()} exists even when input is piped,
     * so {@code Console.isTerminal()} decides when the running JDK has it.
     */
    public static boolean interactive() {
        Console c = System.console();
        if (c == null) return false;
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(c);
        } catch (ReflectiveOperationException e) {
            return true; // JDK 21: a console exists only for a terminal
        }
    }
}
