package clay.sandbox.enforce;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** The filter's shape; its effect is tested by the escape suite (ptrace, mount, unshare, raw sockets under bwrap). */
class SeccompFilterTest {
    @Test
    void isAWellFormedClassicBpfProgramThatChecksTheArchitectureFirst() {
        byte[] b = SeccompFilter.bytes();
        assertThat(b.length % 8).isZero();
        assertThat(b.length / 8).isBetween(10, 4096);
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(buf.getShort(0)).isEqualTo((short) 0x20); // ld [arch]
        assertThat(buf.getInt(4)).isEqualTo(4);
        assertThat(buf.getShort(8)).isEqualTo((short) 0x15); // jeq AUDIT_ARCH_X86_64
        assertThat(buf.getInt(12)).isEqualTo(SeccompFilter.AUDIT_ARCH_X86_64);
        int last = b.length - 8;
        assertThat(buf.getShort(last)).isEqualTo((short) 0x06); // ends with a return
        assertThat(buf.getInt(last + 4)).isEqualTo(SeccompFilter.RET_KILL_PROCESS);
    }

    @Test
    void deniesTheDangerousSyscalls() {
        assertThat(SeccompFilter.DENIED).containsKeys("ptrace", "mount", "umount2", "pivot_root", "kexec_load", "init_module",
                "bpf", "keyctl", "add_key", "perf_event_open", "unshare", "setns", "io_uring_setup");
        assertThat(SeccompFilter.DENIED.get("ptrace")).isEqualTo(101);
        assertThat(SeccompFilter.DENIED.get("setns")).isEqualTo(308);
    }
}
