package clay.canvas.browser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Three versions of a long bill, each changing a few clauses of the one before. */
final class Bills {
    private Bills() {}

    static List<Path> write(Path dir) throws IOException {
        StringBuilder v1 = new StringBuilder("AN ACT concerning municipal water rates.\n\n");
        for (int i = 1; i <= 60; i++) {
            v1.append("Section ").append(i).append(". The water authority shall publish tariff schedule ").append(i)
                    .append(" and hold a public hearing within 30 days.\n");
        }
        String t1 = v1.toString().replace("Section 5. The water authority shall publish tariff schedule 5", "Section 5. The base charge is $1,200 per connection")
                .replace("Section 40. ", "Section 40. Late fees may not exceed 5 percent. ");
        String t2 = t1.replace("$1,200", "$1,450").replace("within 30 days.\n\nSection 2", "within 30 days.\n\nSection 2")
                .replace("Section 12. The water authority", "Section 12. The independent water authority")
                .replace("5 percent", "3 percent");
        String t3 = t2.replace("$1,450", "$1,300").replace("Section 58. The water authority shall publish tariff schedule 58 and hold a public hearing within 30 days.",
                "Section 58. Low-income households are exempt from the base charge.");
        Path a = dir.resolve("water-bill-v1.txt"), b = dir.resolve("water-bill-v2.txt"), c = dir.resolve("water-bill-v3.txt");
        Files.writeString(a, t1);
        Files.writeString(b, t2);
        Files.writeString(c, t3);
        return List.of(a, b, c);
    }
}
