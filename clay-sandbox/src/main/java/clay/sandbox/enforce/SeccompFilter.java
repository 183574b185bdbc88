package clay.sandbox.enforce;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The classic-BPF seccomp program handed to {@code bwrap --seccomp FD}, assembled here for x86_64 so no libseccomp is
 * needed. It kills any syscall made through another ABI (i386 {@code int 0x80}, x32), answers EPERM to the syscalls a
 * sandboxed program never needs (ptrace, mount, module loading, bpf, keyrings, perf, namespaces, io_uring ...), allows
 * only AF_INET and AF_INET6 sockets and never raw or packet ones, refuses {@code clone} with any namespace flag and
 * answers ENOSYS to {@code clone3} (so libc falls back to {@code clone}, whose flags can be inspected).
 *
 * <p>{@code socket(AF_UNIX)} is refused unless the run has a bridge to the egress proxy or the Clay broker, whose
 * {@code socat} inside must connect to their sockets; {@code socketpair} stays allowed (it reaches nothing outside).
 * With a bridge, the mount namespace is what keeps other sockets away: only the bridges' sockets are bound, and grants
 * holding sockets are refused ({@link GrantCheck}). Abstract sockets live in the network namespace, which is private.
 */
public final class SeccompFilter {
    static final int AUDIT_ARCH_X86_64 = 0xC000003E;
    static final int RET_ALLOW = 0x7fff0000;
    static final int RET_KILL_PROCESS = 0x80000000;
    static final int RET_ERRNO = 0x00050000;
    static final int EPERM = 1;
    static final int ENOSYS = 38;

    /** x86_64 numbers of the syscalls answered with EPERM. */
    static final Map<String, Integer> DENIED = denied();

    static final int NR_SOCKET = 41;
    static final int NR_CLONE = 56;
    static final int NR_CLONE3 = 435;
    static final int CLONE_NAMESPACE_FLAGS = 0x7E020000; // NEWNS|NEWCGROUP|NEWUTS|NEWIPC|NEWUSER|NEWPID|NEWNET
    static final int AF_UNIX = 1, AF_INET = 2, AF_INET6 = 10;
    static final int SOCK_RAW = 3, SOCK_PACKET = 10;

    private static final byte[] PROGRAM = assemble(false);
    private static final byte[] BRIDGED = assemble(true);

    private SeccompFilter() {}

    /** The compiled filter without unix sockets: {@code struct sock_filter[]} in little-endian order. */
    public static byte[] bytes() {
        return PROGRAM.clone();
    }

    /** The filter of a run whose bridges need {@code socket(AF_UNIX)}. */
    public static byte[] bridgedBytes() {
        return BRIDGED.clone();
    }

    private static Map<String, Integer> denied() {
        Map<String, Integer> m = new java.util.LinkedHashMap<>();
        Object[] pairs = {
            "ptrace", 101, "syslog", 103, "uselib", 134, "vhangup", 153,
            "pivot_root", 155, "adjtimex", 159, "chroot", 161, "acct", 163, "settimeofday", 164, "mount", 165,
            "umount2", 166, "swapon", 167, "swapoff", 168, "reboot", 169, "sethostname", 170, "setdomainname", 171,
            "iopl", 172, "ioperm", 173, "init_module", 175, "delete_module", 176, "quotactl", 179, "lookup_dcookie", 212,
            "clock_settime", 227, "kexec_load", 246, "add_key", 248, "request_key", 249, "keyctl", 250, "unshare", 272,
            "perf_event_open", 298, "fanotify_init", 300, "name_to_handle_at", 303, "open_by_handle_at", 304,
            "clock_adjtime", 305, "setns", 308, "process_vm_readv", 310, "process_vm_writev", 311, "kcmp", 312,
            "finit_module", 313, "kexec_file_load", 320, "bpf", 321, "userfaultfd", 323, "io_uring_setup", 425,
            "io_uring_enter", 426, "io_uring_register", 427, "open_tree", 428, "move_mount", 429, "fsopen", 430,
            "fsconfig", 431, "fsmount", 432, "fspick", 433, "mount_setattr", 442,
        };
        for (int i = 0; i < pairs.length; i += 2) m.put((String) pairs[i], (Integer) pairs[i + 1]);
        return java.util.Collections.unmodifiableMap(m);
    }

    private static byte[] assemble(boolean unixSockets) {
        Asm a = new Asm();
        a.ldAbs(4);                                    // seccomp_data.arch
        a.jeq(AUDIT_ARCH_X86_64, null, "kill");
        a.ldAbs(0);                                    // seccomp_data.nr
        a.jge(0x40000000, "kill", null);               // x32 ABI
        for (int nr : DENIED.values()) a.jeq(nr, "eperm", null);
        a.jeq(NR_SOCKET, "socket", null);
        a.jeq(NR_CLONE, "clone", null);
        a.jeq(NR_CLONE3, "enosys", null);
        a.ret(RET_ALLOW);
        a.label("socket");
        a.ldAbs(16);                                   // args[0] low word: domain
        if (unixSockets) a.jeq(AF_UNIX, "socktype", null);
        a.jeq(AF_INET, "socktype", null);
        a.jeq(AF_INET6, "socktype", "eperm");
        a.label("socktype");
        a.ldAbs(24);                                   // args[1] low word: type | flags
        a.andK(0xf);
        a.jeq(SOCK_RAW, "eperm", null);
        a.jeq(SOCK_PACKET, "eperm", null);
        a.ret(RET_ALLOW);
        a.label("clone");
        a.ldAbs(16);                                   // args[0] low word: flags
        a.jset(CLONE_NAMESPACE_FLAGS, "eperm", null);
        a.ret(RET_ALLOW);
        a.label("enosys");
        a.ret(RET_ERRNO | ENOSYS);
        a.label("eperm");
        a.ret(RET_ERRNO | EPERM);
        a.label("kill");
        a.ret(RET_KILL_PROCESS);
        return a.link();
    }

    /** A tiny forward-jump-only BPF assembler. */
    private static final class Asm {
        private record Insn(int code, String jt, String jf, int k) {}

        private final List<Insn> insns = new ArrayList<>();
        private final Map<String, Integer> labels = new HashMap<>();

        void ldAbs(int offset) { insns.add(new Insn(0x20, null, null, offset)); }
        void andK(int k) { insns.add(new Insn(0x54, null, null, k)); }
        void jeq(int k, String t, String f) { insns.add(new Insn(0x15, t, f, k)); }
        void jge(int k, String t, String f) { insns.add(new Insn(0x35, t, f, k)); }
        void jset(int k, String t, String f) { insns.add(new Insn(0x45, t, f, k)); }
        void ret(int k) { insns.add(new Insn(0x06, null, null, k)); }
        void label(String name) { labels.put(name, insns.size()); }

        byte[] link() {
            ByteBuffer b = ByteBuffer.allocate(insns.size() * 8).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < insns.size(); i++) {
                Insn in = insns.get(i);
                b.putShort((short) in.code());
                b.put((byte) offset(i, in.jt()));
                b.put((byte) offset(i, in.jf()));
                b.putInt(in.k());
            }
            return b.array();
        }

        private int offset(int at, String label) {
            if (label == null) return 0;
            Integer target = labels.get(label);
            if (target == null) throw new IllegalStateException("no label " + label);
            int off = target - at - 1;
            if (off < 0 || off > 255) throw new IllegalStateException("jump out of range to " + label);
            return off;
        }
    }
}
