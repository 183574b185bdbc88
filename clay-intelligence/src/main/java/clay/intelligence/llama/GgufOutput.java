package clay.intelligence.llama;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/** Little-endian GGUF primitives written through a 1 MiB buffer; package-private helper of {@link TinyGguf}. */
final class GgufOutput implements Closeable {
    private final FileChannel channel;
    private final ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
    private long position;
    private long kvCount;

    GgufOutput(Path file) throws IOException {
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
    }

    long position() {
        return position;
    }

    private ByteBuffer room(int bytes) throws IOException {
        if (buf.remaining() < bytes) flush();
        position += bytes;
        return buf;
    }

    void u32(int v) throws IOException { room(4).putInt(v); }

    void u64(long v) throws IOException { room(8).putLong(v); }

    void f32(float v) throws IOException { room(4).putFloat(v); }

    void f16(float v) throws IOException { room(2).putShort(Float.floatToFloat16(v)); }

    void u8(int v) throws IOException { room(1).put((byte) v); }

    void string(String s) throws IOException {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        u64(bytes.length);
        for (int off = 0; off < bytes.length; ) {
            if (!buf.hasRemaining()) flush();
            int n = Math.min(buf.remaining(), bytes.length - off);
            buf.put(bytes, off, n);
            position += n;
            off += n;
        }
    }

    void padTo(int alignment) throws IOException {
        while (position % alignment != 0) u8(0);
    }

    /** How many key/value pairs were written, for {@link #patchU64}. */
    long kvCount() {
        return kvCount;
    }

    /** Overwrites 8 bytes at an earlier file position (after flushing what is buffered). */
    void patchU64(long filePosition, long v) throws IOException {
        flush();
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).flip();
        while (b.hasRemaining()) channel.write(b, filePosition + b.position());
    }

    private void key(String key, int type) throws IOException {
        kvCount++;
        string(key);
        u32(type);
    }

    // ---- metadata key/value pairs (GGUF value types: 4 uint32, 5 int32, 6 float32, 7 bool, 8 string, 9 array)

    void kvU32(String key, int v) throws IOException { key(key, 4); u32(v); }

    void kvF32(String key, float v) throws IOException { key(key, 6); f32(v); }

    void kvBool(String key, boolean v) throws IOException { key(key, 7); u8(v ? 1 : 0); }

    void kvString(String key, String v) throws IOException { key(key, 8); string(v); }

    void kvStrings(String key, List<String> values) throws IOException {
        key(key, 9); u32(8); u64(values.size());
        for (String s : values) string(s);
    }

    void kvFloats(String key, float[] values) throws IOException {
        key(key, 9); u32(6); u64(values.length);
        for (float f : values) f32(f);
    }

    void kvInts(String key, int[] values) throws IOException {
        key(key, 9); u32(5); u64(values.length);
        for (int i : values) u32(i);
    }

    void flush() throws IOException {
        buf.flip();
        while (buf.hasRemaining()) channel.write(buf);
        buf.clear();
    }

    @Override
    public void close() throws IOException {
        try {
            flush();
            channel.force(true);
        } finally {
            channel.close();
        }
    }
}
