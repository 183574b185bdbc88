package clay.sandbox.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Which resolved addresses a sandboxed program may reach through the egress proxy: public unicast addresses only.
 * Refused are this host's own interface addresses (whatever their range), loopback, the wildcard, link-local, private
 * (RFC 1918, shared CGNAT {@code 100.64/10}, IPv6 ULA {@code fc00::/7}, site-local {@code fec0::/10}), multicast,
 * broadcast and the special-purpose blocks ({@code 0/8}, {@code 192.0.0/24}, documentation, benchmarking
 * {@code 198.18/15}, {@code 240/4}); an IPv6 address that carries an IPv4 one (mapped, compatible, 6to4, NAT64, Teredo)
 * is judged by the address it carries, so no spelling of a refused address gets through.
 */
final class Destinations {
    private Destinations() {}

    /** Why {@code address} may not be reached, or empty when it is a public address of another machine. */
    static Optional<String> refusal(InetAddress address, Set<InetAddress> own) {
        if (own.contains(address)) return Optional.of("an address of this host");
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) return v4(b);
        if (address instanceof Inet6Address) return v6(b, own);
        return Optional.of("an unknown kind of address");
    }

    /** The addresses of every interface of this host, up or down (an interface that comes up later is re-read). */
    static Set<InetAddress> ownAddresses() {
        Set<InetAddress> out = new HashSet<>();
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress a : Collections.list(nif.getInetAddresses())) out.add(withoutScope(a));
            }
        } catch (SocketException e) {
            // no interface list: the range checks below still refuse loopback and the private ranges
        }
        return out;
    }

    /** {@code fe80::1%eth0} and {@code fe80::1} are the same address for this check. */
    private static InetAddress withoutScope(InetAddress a) {
        try {
            return a instanceof Inet6Address ? InetAddress.getByAddress(a.getAddress()) : a;
        } catch (java.net.UnknownHostException e) {
            return a;
        }
    }

    private static Optional<String> v4(byte[] b) {
        int a0 = b[0] & 0xff, a1 = b[1] & 0xff, a2 = b[2] & 0xff;
        if (a0 == 0) return Optional.of("'this network' (0.0.0.0/8)");
        if (a0 == 127) return Optional.of("loopback");
        if (a0 == 10 || (a0 == 172 && (a1 & 0xf0) == 16) || (a0 == 192 && a1 == 168)) return Optional.of("a private address (RFC 1918)");
        if (a0 == 100 && (a1 & 0xc0) == 64) return Optional.of("shared address space (CGNAT 100.64.0.0/10)");
        if (a0 == 169 && a1 == 254) return Optional.of("link-local");
        if (a0 == 192 && a1 == 0 && a2 == 0) return Optional.of("IETF protocol assignments (192.0.0.0/24)");
        if ((a0 == 192 && a1 == 0 && a2 == 2) || (a0 == 198 && a1 == 51 && a2 == 100) || (a0 == 203 && a1 == 0 && a2 == 113)) {
            return Optional.of("a documentation range");
        }
        if (a0 == 192 && a1 == 88 && a2 == 99) return Optional.of("the 6to4 relay range (192.88.99.0/24)");
        if (a0 == 198 && (a1 & 0xfe) == 18) return Optional.of("the benchmarking range (198.18.0.0/15)");
        if (a0 >= 224 && a0 <= 239) return Optional.of("multicast");
        if (a0 >= 240) return Optional.of(a0 == 255 && a1 == 255 && a2 == 255 && (b[3] & 0xff) == 255 ? "broadcast" : "reserved (240.0.0.0/4)");
        return Optional.empty();
    }

    private static Optional<String> v6(byte[] b, Set<InetAddress> own) {
        int w0 = word(b, 0), w1 = word(b, 1);
        if (allZero(b, 0, 10) && word(b, 5) == 0xffff) return embedded(b, 12, "IPv4-mapped", own);
        if (allZero(b, 0, 12)) {
            if (allZero(b, 12, 15) && (b[15] == 0 || b[15] == 1)) return Optional.of(b[15] == 0 ? "the unspecified address" : "loopback");
            return embedded(b, 12, "IPv4-compatible", own);
        }
        if (w0 == 0x0064 && w1 == 0xff9b && allZero(b, 4, 12)) return embedded(b, 12, "NAT64", own);
        if (w0 == 0x0064 && w1 == 0xff9b) return Optional.of("local-use NAT64 (64:ff9b:1::/48)");
        if (w0 == 0x2002) return embedded(b, 2, "6to4", own);
        if (w0 == 0x2001 && w1 == 0x0000) return Optional.of("Teredo (2001::/32)");
        if (w0 == 0x2001 && w1 == 0x0db8) return Optional.of("a documentation range (2001:db8::/32)");
        if (w0 == 0x2001 && w1 == 0x0002 && word(b, 2) == 0) return Optional.of("the benchmarking range (2001:2::/48)");
        if (w0 == 0x0100 && allZero(b, 2, 8)) return Optional.of("discard-only (100::/64)");
        if ((b[0] & 0xfe) == 0xfc) return Optional.of("a unique local address (fc00::/7)");
        if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0x80) return Optional.of("link-local");
        if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0xc0) return Optional.of("site-local (fec0::/10)");
        if ((b[0] & 0xff) == 0xff) return Optional.of("multicast");
        return Optional.empty();
    }

    /** Judges the IPv4 address an IPv6 one carries at {@code offset}. */
    private static Optional<String> embedded(byte[] b, int offset, String form, Set<InetAddress> own) {
        byte[] v4 = {b[offset], b[offset + 1], b[offset + 2], b[offset + 3]};
        InetAddress inner;
        try {
            inner = InetAddress.getByAddress(v4);
        } catch (java.net.UnknownHostException e) {
            return Optional.of("a malformed " + form + " address");
        }
        return refusal(inner, own).map(why -> why + ", written as " + form + " IPv6");
    }

    private static int word(byte[] b, int i) {
        return ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) if (b[i] != 0) return false;
        return true;
    }
}
