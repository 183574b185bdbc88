package clay.cli.models;

import clay.intelligence.model.store.Download;
import java.io.PrintStream;

/** A one-line download progress bar on stderr; without a terminal, a line every 10 %. */
final class ProgressBar implements Download.Progress {
    private final PrintStream err;
    private final boolean tty;
    private final long start = System.nanoTime();
    private long lastDraw;
    private int lastDecile = -1;

    ProgressBar(PrintStream err, boolean tty) {
        this.err = err;
        this.tty = tty;
    }

    static ProgressBar onStderr() {
        return new ProgressBar(System.err, System.console() != null);
    }

    @Override
    public void update(long done, long total) {
        long now = System.nanoTime();
        boolean finished = total > 0 && done >= total;
        if (tty) {
            if (!finished && now - lastDraw < 100_000_000L) return;
            lastDraw = now;
            err.print("\r" + line(done, total, now) + (finished ? "\n" : ""));
            err.flush();
        } else if (total > 0) {
            int decile = (int) (done * 10 / total);
            if (decile != lastDecile) {
                lastDecile = decile;
                err.println(line(done, total, now));
            }
        }
    }

    String line(long done, long total, long now) {
        double seconds = Math.max((now - start) / 1e9, 1e-3);
        String speed = String.format("%.1f MB/s", done / 1e6 / seconds);
        if (total <= 0) return String.format("%8.1f MB  %s", done / 1e6, speed);
        int width = 30;
        int filled = (int) (width * done / total);
        return String.format("[%s%s] %3d%%  %.1f/%.1f MB  %s", "#".repeat(filled), " ".repeat(width - filled),
                done * 100 / total, done / 1e6, total / 1e6, speed);
    }
}
