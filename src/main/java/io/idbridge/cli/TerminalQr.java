package io.idbridge.cli;

import com.google.zxing.WriterException;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;

/**
 * A QR code drawn in a terminal with Unicode half blocks, two rows of modules to a line of text.
 */
final class TerminalQr {
  /** ISO/IEC 18004 §6.3.8: a light margin four modules wide around the symbol. */
  private static final int QUIET_ZONE = 4;

  private TerminalQr() {}

  /**
   * The code of {@code text} (error correction M: survives a smudged screen, stays small).
   *
   * @param darkOnLight draw the dark modules, for a terminal with a light background; by default
   *     the light ones are drawn, which a terminal with a dark background (the usual) shows as a
   *     black-on-white code
   */
  static String render(String text, boolean darkOnLight) {
    ByteMatrix matrix;
    try {
      matrix = Encoder.encode(text, ErrorCorrectionLevel.M).getMatrix();
    } catch (WriterException e) {
      throw new IllegalArgumentException(
          "cannot draw a QR code of this text: " + e.getMessage(), e);
    }
    int size = matrix.getWidth() + 2 * QUIET_ZONE;
    StringBuilder out = new StringBuilder();
    for (int y = 0; y < size; y += 2) {
      for (int x = 0; x < size; x++) {
        boolean top = drawn(matrix, x, y, darkOnLight);
        boolean bottom = y + 1 < size && drawn(matrix, x, y + 1, darkOnLight);
        out.append(top ? (bottom ? '█' : '▀') : (bottom ? '▄' : ' '));
      }
      out.append(System.lineSeparator());
    }
    return out.toString();
  }

  private static boolean drawn(ByteMatrix matrix, int x, int y, boolean darkOnLight) {
    int mx = x - QUIET_ZONE;
    int my = y - QUIET_ZONE;
    boolean inside = mx >= 0 && my >= 0 && mx < matrix.getWidth() && my < matrix.getHeight();
    boolean dark = inside && matrix.get(mx, my) == 1;
    return dark == darkOnLight;
  }
}
