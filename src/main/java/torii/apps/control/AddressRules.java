package torii.apps.control;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which upstream addresses the gateway may call: every public address, and of the internal ones (loopback, link-local,
 * private, unique local, shared and benchmarking ranges, unspecified, multicast) only those an operator allows by
 * name, address or CIDR range. Written here because the JDK offers no CIDR matching and it takes a few lines.
 */
record AddressRules(Set<String> names, List<Range> ranges) {

    /** The internal ranges that InetAddress has no test for. */
    static final List<Range> INTERNAL = List.of(Range.of("0.0.0.0/8"), Range.of("100.64.0.0/10"),
            Range.of("198.18.0.0/15"), Range.of("fc00::/7"), Range.of("64:ff9b::/96"));

    /** An address range: the addresses whose first bits are the prefix's. */
    record Range(byte[] prefix, int bits) {

        static Range of(String text) {
            var slash = text.indexOf('/');
            var address = address(slash < 0 ? text : text.substring(0, slash));
            var length = address.length * 8;
            int bits;
            try {
                bits = slash < 0 ? length : Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a range: " + text, e);
            }
            if (bits < 0 || bits > length) {
                throw new IllegalArgumentException("not a range: " + text);
            }
            return new Range(address, bits);
        }

        boolean contains(InetAddress address) {
            var bytes = address.getAddress();
            if (bytes.length != prefix.length) {
                return false;
            }
            var shift = bytes.length * 8 - bits;
            return new BigInteger(1, bytes).shiftRight(shift).equals(new BigInteger(1, prefix).shiftRight(shift));
        }
    }

    /** An address literal only: a name would need a lookup, and belongs among the names. */
    static byte[] address(String text) {
        var literal = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        // Checked before InetAddress sees it, which would look a malformed IPv4 address up as a host name.
        var ipv4 = literal.matches("(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]"
                + "|[1-9]?[0-9])){3}");
        if (!ipv4 && !literal.matches("[0-9a-f:.]*:[0-9a-f:.]*")) {
            throw new IllegalArgumentException("not an address: " + text);
        }
        try {
            return InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an address: " + text, e);
        }
    }

    /** Comma-separated host names, addresses and CIDR ranges. */
    static AddressRules parse(String text) {
        var names = new HashSet<String>();
        var ranges = new ArrayList<Range>();
        for (var entry : text.split(",")) {
            var item = entry.strip().toLowerCase(Locale.ROOT);
            if (item.isEmpty()) {
                continue;
            }
            if (item.contains("/") || item.contains(":") || item.matches("[0-9.]+")) {
                ranges.add(Range.of(item));
            } else if (item.matches("[a-z0-9]([a-z0-9.-]*[a-z0-9])?")) {
                names.add(item);
            } else {
                throw new IllegalArgumentException("neither a host name, an address nor a range: " + entry.strip());
            }
        }
        return new AddressRules(Set.copyOf(names), List.copyOf(ranges));
    }

    boolean allowsName(String host) {
        return names.contains(host);
    }

    boolean allows(InetAddress address) {
        return !internal(address) || ranges.stream().anyMatch(range -> range.contains(address));
    }

    static boolean internal(InetAddress address) {
        return address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()
                || INTERNAL.stream().anyMatch(range -> range.contains(address));
    }
}
