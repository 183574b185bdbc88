package clay.cli.fs;

import clay.cli.ApiClient;

/** A text progress bar for background indexing, drawn on stderr while files are pending. */
final class Progress {
    private Progress() {}

    static void untilIndexed(ApiClient api) throws InterruptedException {
        int start = api.get("/api/fs/status").path("pending").asInt();
        int pending = start;
        boolean tty = System.console() != null;
        while (pending > 0) {
            int done = Math.max(0, start - pending);
            int width = 30, filled = start == 0 ? width : done * width / start;
            String bar = "[" + "#".repeat(filled) + "-".repeat(width - filled) + "] " + done + "/" + start + " indexed";
            if (tty) System.err.print("\r" + bar);
            Thread.sleep(250);
            pending = api.get("/api/fs/status").path("pending").asInt();
            start = Math.max(start, pending);
        }
        if (tty) System.err.print("\r" + " ".repeat(60) + "\r");
        System.err.println("indexed " + start + " file(s)");
    }
}
