package clay.sandbox.approval;

import clay.core.Capability;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;

/** The CLI prompt: shows the program, its hash and capabilities, and reads once / always / never. */
public final class ConsoleApprover implements Approver {
    private final BufferedReader in;
    private final PrintWriter out;

    public ConsoleApprover(BufferedReader in, PrintWriter out) {
        this.in = in;
        this.out = out;
    }

    @Override
    public synchronized Decision decide(ApprovalRequest r) {
        out.println("Program " + r.program().name() + " (" + r.program().language().wireName() + ", sha256 "
                + r.program().shortHash() + ", " + r.trust().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')
                + ") asks for:");
        for (Capability c : r.capabilities()) out.println("  " + c);
        if (!r.imports().isEmpty()) out.println("and the approval covers the code it may import from its grants:");
        for (String f : r.imports()) out.println("  " + f);
        for (int attempt = 0; attempt < 3; attempt++) {
            out.print("Allow? [o]nce / [a]lways for this code / [n]ever: ");
            out.flush();
            try {
                String line = in.readLine();
                if (line == null) return Decision.NEVER;
                return Decision.parse(line);
            } catch (IOException e) {
                return Decision.NEVER;
            } catch (RuntimeException e) {
                out.println(e.getMessage());
            }
        }
        return Decision.NEVER;
    }
}
