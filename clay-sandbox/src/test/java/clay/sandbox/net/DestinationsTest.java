package clay.sandbox.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The egress proxy's address check, judged on resolved addresses as a hostile program would pick them (a granted name
 * whose DNS answer points into the host, the LAN or a cloud metadata service). Nothing here opens a connection.
 */
class DestinationsTest {
    static final Set<InetAddress> NONE = Set.of();

    static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal); // a literal: parsed, never looked up
    }

    /** Keeps the IPv6 form (Java would turn ::ffff:a.b.c.d into an IPv4 address on its own). */
    static InetAddress v6(String literal) throws Exception {
        return Inet6Address.getByAddress(null, InetAddress.getByName(literal).getAddress().length == 16
                ? InetAddress.getByName(literal).getAddress() : mapped(InetAddress.getByName(literal).getAddress()), -1);
    }

    static byte[] mapped(byte[] v4) {
        byte[] b = new byte[16];
        b[10] = (byte) 0xff;
        b[11] = (byte) 0xff;
        System.arraycopy(v4, 0, b, 12, 4);
        return b;
    }

    @Test
    void everyNonPublicRangeIsRefusedInEverySpelling() throws Exception {
        List<String> refused = List.of(
                "127.0.0.1", "127.254.3.4", "0.0.0.0", "0.1.2.3", "10.0.0.1", "172.16.0.1", "172.31.255.254",
                "192.168.1.1", "100.64.0.1", "100.100.100.200", "100.127.255.254", "169.254.169.254", "192.0.0.8",
                "192.0.2.2", "198.51.100.7", "203.0.113.9", "198.18.0.1", "198.19.255.1", "192.88.99.1", "224.0.0.251",
                "239.255.255.250", "240.0.0.1", "255.255.255.255",
                "::", "::1", "fd00::2", "fd00:ec2::254", "fc00::1", "fe80::1", "febf::1", "fec0::1", "ff02::1",
                "::ffff:127.0.0.1", "::ffff:10.1.2.3", "::ffff:169.254.169.254", "::127.0.0.1", "::10.0.0.1",
                "64:ff9b::a9fe:a9fe", "64:ff9b::7f00:1", "64:ff9b:1::1", "2002:7f00:0001::1", "2002:a9fe:a9fe::",
                "2002:c0a8:0101::1", "2001:0:4136:e378:8000:63bf:3fff:fdd2", "2001:db8::1", "2001:2::1", "100::1");
        for (String a : refused) {
            assertThat(Destinations.refusal(ip(a), NONE)).as(a).isPresent();
        }
        for (String a : List.of("127.0.0.1", "10.0.0.1", "100.100.100.200", "169.254.169.254", "0.0.0.0")) {
            assertThat(Destinations.refusal(v6(a), NONE)).as("::ffff:" + a + " kept as IPv6").isPresent();
        }
    }

    @Test
    void publicAddressesOfOtherMachinesPass() throws Exception {
        for (String a : List.of("1.1.1.1", "8.8.8.8", "93.184.216.34", "100.63.255.255", "100.128.0.1", "172.15.0.1",
                "172.32.0.1", "192.169.0.1", "198.17.0.1", "198.20.0.1", "223.255.255.1", "2606:4700::1111",
                "2a00:1450:4001:80b::200e", "::ffff:8.8.8.8", "64:ff9b::808:808", "2002:0808:0808::1")) {
            assertThat(Destinations.refusal(ip(a), NONE)).as(a).isEmpty();
        }
    }

    @Test
    void thisHostsOwnInterfaceAddressesAreRefusedWhateverTheirRange() throws Exception {
        Set<InetAddress> own = Destinations.ownAddresses();
        assertThat(own).as("at least loopback is enumerated").isNotEmpty();
        for (InetAddress a : own) {
            assertThat(Destinations.refusal(a, own)).as(a.toString()).isPresent();
        }
        // a public-looking address counts as the host's own when an interface carries it (eth0 = 192.0.2.2 in the report)
        InetAddress publicLooking = ip("93.184.216.34");
        assertThat(Destinations.refusal(publicLooking, Set.of(publicLooking))).hasValue("an address of this host");
        assertThat(Destinations.refusal(v6("93.184.216.34"), Set.of(publicLooking))).as("and in its IPv4-mapped form")
                .isPresent();
        assertThat(Destinations.refusal(ip("2002:5db8:d822::1"), Set.of(publicLooking))).as("and in its 6to4 form")
                .isPresent();
    }
}
