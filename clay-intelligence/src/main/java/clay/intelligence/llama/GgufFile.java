package clay.intelligence.llama;

import clay.core.ModelUnavailableException;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a GGUF file says about itself, read and checked in Java before llama.cpp sees it: magic, version, every
 * metadata entry, every tensor's shape and type, and that all tensor data lies inside the file. llama.cpp maps the
 * file into memory, so a truncated or forged file must be refused here, not discovered as a crash in native code.
 *
 * <pre>{@code
 * GgufFile gguf = GgufFile.inspect(path);   // ModelUnavailableException when missing or corrupt
 * int ctx = gguf.contextLength().orElse(4096);
 * }</pre>
 *
 * @param metadata scalar metadata (strings, numbers, booleans); arrays are recorded as their length (a Long)
 *                 under {@code key + ".length"}
 */
public record GgufFile(Path path, int version, long tensorCount, long fileSize, Map<String, Object> metadata) {

    private static final int MAGIC = 0x46554747; // "GGUF" little-endian
    private static final long MAX_STRING = 64L << 20;
    private static final long MAX_COUNT = 1L << 24;

    public GgufFile {
        metadata = Map.copyOf(metadata);
    }

    /** {@code general.architecture}, e.g. {@code llama}, {@code qwen2}. */
    public String architecture() {
        return string("general.architecture").orElse("unknown");
    }

    public Optional<String> name() {
        return string("general.name");
    }

    public Optional<String> chatTemplate() {
        return string("tokenizer.chat_template");
    }

    /** The context length the model was trained with ({@code <arch>.context_length}). */
    public Optional<Integer> contextLength() {
        return number(architecture() + ".context_length").map(Number::intValue);
    }

    public Optional<Integer> blockCount() {
        return number(architecture() + ".block_count").map(Number::intValue);
    }

    public Optional<String> string(String key) {
        return metadata.get(key) instanceof String s ? Optional.of(s) : Optional.empty();
    }

    public Optional<Number> number(String key) {
        return metadata.get(key) instanceof Number n ? Optional.of(n) : Optional.empty();
    }

    /**
     * Reads and checks {@code file}.
     *
     * @throws ModelUnavailableException when the file is missing, unreadable, not GGUF, or truncated/corrupt
     */
    public static GgufFile inspect(Path file) {
        if (!Files.exists(file)) {
            throw new ModelUnavailableException("model file not found: " + file,
                    "check the path, or add a model with: clay models add NAME /path/to/model.gguf");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new ModelUnavailableException("model file is not a readable file: " + file,
                    "check the path and its permissions");
        }
        try (InputStream raw = Files.newInputStream(file)) {
            long size = Files.size(file);
            return new Reader(file, size, new DataInputStream(new BufferedInputStream(raw, 1 << 16))).read();
        } catch (NoSuchFileException e) {
            throw new ModelUnavailableException("model file not found: " + file, "check the path");
        } catch (EOFException e) {
            throw corrupt(file, "the file ends early (truncated download?)");
        } catch (IOException e) {
            throw new ModelUnavailableException("cannot read model file " + file + ": " + e.getMessage(),
                    "check the file and its permissions", false, e);
        }
    }

    static ModelUnavailableException corrupt(Path file, String why) {
        return new ModelUnavailableException("not a valid GGUF model: " + file + ": " + why,
                "download the model again (clay models pull NAME) or point to another .gguf file");
    }

    /** Streaming little-endian reader over the header; the data section is never read, only bounds-checked. */
    private static final class Reader {
        private final Path file;
        private final long size;
        private final DataInputStream in;
        private long pos;

        Reader(Path file, long size, DataInputStream in) {
            this.file = file;
            this.size = size;
            this.in = in;
        }

        GgufFile read() throws IOException {
            if (size < 24) throw corrupt(file, "only " + size + " bytes, too small for a GGUF header");
            int magic = i32();
            if (magic != MAGIC) throw corrupt(file, "no GGUF magic at the start (is this a GGUF file?)");
            int version = i32();
            if (version < 2 || version > 3) throw corrupt(file, "unsupported GGUF version " + version);
            long tensors = count(i64(), "tensor count");
            long kvs = count(i64(), "metadata count");
            Map<String, Object> meta = new LinkedHashMap<>();
            for (long i = 0; i < kvs; i++) {
                String key = str();
                int type = i32();
                if (type == 9) {
                    int elemType = i32();
                    long n = count(i64(), "array length of " + key);
                    for (long j = 0; j < n; j++) skip(elemType, key);
                    meta.put(key + ".length", n);
                } else {
                    meta.put(key, value(type, key));
                }
            }
            int alignment = meta.get("general.alignment") instanceof Number a ? a.intValue() : 32;
            if (alignment <= 0 || Integer.bitCount(alignment) != 1) throw corrupt(file, "bad alignment " + alignment);
            long[] ends = new long[(int) tensors];
            for (int t = 0; t < tensors; t++) {
                String name = str();
                int dims = i32();
                if (dims < 1 || dims > 4) throw corrupt(file, "tensor " + name + " has " + dims + " dimensions");
                long elements = 1;
                for (int d = 0; d < dims; d++) {
                    long ne = i64();
                    if (ne < 0 || ne > (1L << 40)) throw corrupt(file, "tensor " + name + " has a bad shape");
                    elements = Math.multiplyExact(elements, Math.max(ne, 1));
                }
                int type = i32();
                long offset = i64();
                if (offset < 0 || offset % alignment != 0) throw corrupt(file, "tensor " + name + " is misaligned");
                ends[t] = offset + GgmlTypes.bytes(type, elements);
            }
            long dataStart = (pos + alignment - 1) / alignment * alignment;
            for (long end : ends) {
                if (dataStart + end > size) {
                    throw corrupt(file, "tensor data runs past the end of the file (" + size
                            + " bytes; truncated download?)");
                }
            }
            return new GgufFile(file, version, tensors, size, meta);
        }

        private long count(long n, String what) {
            if (n < 0 || n > MAX_COUNT) throw corrupt(file, "implausible " + what + " " + n);
            return n;
        }

        private Object value(int type, String key) throws IOException {
            return switch (type) {
                case 0 -> (long) u8();
                case 1 -> (long) (byte) u8();
                case 2 -> (long) (i16() & 0xffff);
                case 3 -> (long) i16();
                case 4 -> Integer.toUnsignedLong(i32());
                case 5 -> (long) i32();
                case 6 -> (double) Float.intBitsToFloat(i32());
                case 7 -> u8() != 0;
                case 8 -> str();
                case 10, 11 -> i64();
                case 12 -> Double.longBitsToDouble(i64());
                default -> throw corrupt(file, "metadata " + key + " has unknown type " + type);
            };
        }

        private void skip(int type, String key) throws IOException {
            switch (type) {
                case 0, 1, 7 -> skipBytes(1);
                case 2, 3 -> skipBytes(2);
                case 4, 5, 6 -> skipBytes(4);
                case 10, 11, 12 -> skipBytes(8);
                case 8 -> skipBytes(strLen());
                default -> throw corrupt(file, "array " + key + " has unknown element type " + type);
            }
        }

        private void advance(long n) {
            pos += n;
        }

        private int u8() throws IOException {
            advance(1);
            return in.readUnsignedByte();
        }

        private short i16() throws IOException {
            advance(2);
            return Short.reverseBytes(in.readShort());
        }

        private void skipBytes(long n) throws IOException {
            if (pos + n > size) throw new EOFException();
            long left = n;
            while (left > 0) {
                long s = in.skip(left);
                if (s <= 0) {
                    in.readByte();
                    s = 1;
                }
                left -= s;
            }
            pos += n;
        }

        private int i32() throws IOException {
            advance(4);
            return Integer.reverseBytes(in.readInt());
        }

        private long i64() throws IOException {
            advance(8);
            return Long.reverseBytes(in.readLong());
        }

        private long strLen() throws IOException {
            long n = i64();
            if (n < 0 || n > MAX_STRING || pos + n > size) throw corrupt(file, "bad string length " + n);
            return n;
        }

        private String str() throws IOException {
            byte[] b = new byte[(int) strLen()];
            in.readFully(b);
            advance(b.length);
            return new String(b, StandardCharsets.UTF_8);
        }
    }
}
