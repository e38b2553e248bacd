package io.idbridge.http;

import io.idbridge.config.ConfigReader;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** An address range such as {@code 10.0.0.0/8}, {@code ::1/128} or a single address. */
public record Cidr(byte[] network, int prefix) {
  private static final Pattern LITERAL = Pattern.compile("[0-9a-fA-F:.]+");

  /** Parses a literal address range; never resolves a host name. */
  public static Cidr parse(String text) {
    String[] parts = text.trim().split("/", 2);
    if (!LITERAL.matcher(parts[0]).matches()) {
      throw new IllegalArgumentException("not an IP address: " + parts[0]);
    }
    byte[] address = literal(parts[0]);
    if (address == null) {
      throw new IllegalArgumentException("not an IP address: " + parts[0]);
    }
    int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : address.length * 8;
    if (prefix < 0 || prefix > address.length * 8) {
      throw new IllegalArgumentException("prefix out of range: " + prefix);
    }
    return new Cidr(address, prefix);
  }

  /** Reads a comma-separated list of ranges, reporting each bad one against the key. */
  public static List<Cidr> parseAll(ConfigReader r, String key) {
    List<Cidr> all = new ArrayList<>();
    for (String item : r.list(key, "")) {
      try {
        all.add(parse(item));
      } catch (IllegalArgumentException e) {
        r.problem(key, "must be a list of IP addresses or CIDR ranges", item);
      }
    }
    return List.copyOf(all);
  }

  public boolean contains(String address) {
    if (address == null || !LITERAL.matcher(address).matches()) {
      return false;
    }
    byte[] a = literal(address);
    if (a == null || a.length != network.length) {
      return false;
    }
    int bits = a.length * 8;
    BigInteger mask =
        BigInteger.ONE
            .shiftLeft(bits)
            .subtract(BigInteger.ONE)
            .xor(BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE));
    return new BigInteger(1, a).and(mask).equals(new BigInteger(1, network).and(mask));
  }

  private static byte[] literal(String text) {
    try {
      // Literal addresses only (checked above), so this does no DNS lookup.
      return InetAddress.getByName(text).getAddress();
    } catch (UnknownHostException e) {
      return null;
    }
  }
}
