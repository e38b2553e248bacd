package io.idbridge.jwt;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * Conversions between the JDK's DER ECDSA signatures and JOSE's fixed-size R || S (RFC 7518 §3.4).
 */
final class EcdsaSignatures {
  private static final int SEQUENCE = 0x30;
  private static final int INTEGER = 0x02;

  private EcdsaSignatures() {}

  /** RFC 7518 §3.4: R and S as unsigned big-endian integers, each left-padded to {@code size}. */
  static byte[] toJose(byte[] der, int size) {
    Reader in = new Reader(der);
    in.expect(SEQUENCE);
    int length = in.length();
    if (length != in.remaining()) {
      throw new IllegalArgumentException("DER signature: sequence length does not match");
    }
    BigInteger r = in.integer();
    BigInteger s = in.integer();
    if (in.remaining() != 0) {
      throw new IllegalArgumentException("DER signature: trailing bytes");
    }
    byte[] out = new byte[2 * size];
    unsigned(r, out, 0, size);
    unsigned(s, out, size, size);
    return out;
  }

  /** The DER SEQUENCE { INTEGER r, INTEGER s } (SEC 1 §C.8) the JDK's ECDSA verifier expects. */
  static byte[] toDer(BigInteger r, BigInteger s) {
    byte[] rBytes = r.toByteArray(); // minimal two's complement: a leading 0x00 only when needed
    byte[] sBytes = s.toByteArray();
    int content = 2 + rBytes.length + 2 + sBytes.length;
    ByteArrayOutputStream out = new ByteArrayOutputStream(content + 3);
    out.write(SEQUENCE);
    writeLength(out, content);
    out.write(INTEGER);
    writeLength(out, rBytes.length);
    out.writeBytes(rBytes);
    out.write(INTEGER);
    writeLength(out, sBytes.length);
    out.writeBytes(sBytes);
    return out.toByteArray();
  }

  private static void writeLength(ByteArrayOutputStream out, int length) {
    // X.690 §8.1.3: short form below 128, else 0x81 and one length octet (enough for P-521).
    if (length >= 128) {
      if (length > 255) {
        throw new IllegalArgumentException("DER length too large");
      }
      out.write(0x81);
    }
    out.write(length);
  }

  private static void unsigned(BigInteger value, byte[] out, int offset, int size) {
    byte[] bytes = value.toByteArray();
    int start = 0;
    while (start < bytes.length - 1 && bytes[start] == 0) {
      start++;
    }
    int length = bytes.length - start;
    if (length > size) {
      throw new IllegalArgumentException("DER signature: integer longer than " + size + " bytes");
    }
    System.arraycopy(bytes, start, out, offset + size - length, length);
  }

  private static final class Reader {
    private final byte[] der;
    private int position;

    Reader(byte[] der) {
      this.der = der;
    }

    int remaining() {
      return der.length - position;
    }

    int next() {
      if (position >= der.length) {
        throw new IllegalArgumentException("DER signature: truncated");
      }
      return der[position++] & 0xff;
    }

    void expect(int tag) {
      if (next() != tag) {
        throw new IllegalArgumentException("DER signature: unexpected tag");
      }
    }

    int length() {
      int first = next();
      if (first < 0x80) {
        return first;
      }
      if (first == 0x81) {
        int length = next();
        if (length < 0x80) {
          throw new IllegalArgumentException("DER signature: non-minimal length");
        }
        return length;
      }
      throw new IllegalArgumentException("DER signature: unsupported length form");
    }

    BigInteger integer() {
      expect(INTEGER);
      int length = length();
      if (length == 0 || length > remaining()) {
        throw new IllegalArgumentException("DER signature: bad integer length");
      }
      byte[] bytes = Arrays.copyOfRange(der, position, position + length);
      position += length;
      BigInteger value = new BigInteger(bytes);
      if (value.signum() <= 0) {
        throw new IllegalArgumentException("DER signature: integer not positive");
      }
      return value;
    }
  }
}
