package io.idbridge.testing;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.util.List;
import java.util.Map;

/**
 * Reads back a QR code drawn in a terminal with half blocks, as a phone camera would read the
 * screen.
 */
public final class TerminalQrCodes {
  private static final int SCALE = 4;

  private TerminalQrCodes() {}

  /**
   * The text of the first QR code in the output, drawn light on a dark terminal (blocks are light).
   */
  public static String decode(String output) {
    List<String> lines =
        output.lines().dropWhile(l -> !isQrLine(l)).takeWhile(TerminalQrCodes::isQrLine).toList();
    if (lines.isEmpty()) {
      throw new AssertionError("no QR code in:\n" + output);
    }
    int width = lines.get(0).length();
    int height = lines.size() * 2;
    int[] pixels = new int[width * SCALE * height * SCALE];
    for (int row = 0; row < height; row++) {
      for (int x = 0; x < width; x++) {
        char c = lines.get(row / 2).charAt(x);
        boolean light = row % 2 == 0 ? c == '█' || c == '▀' : c == '█' || c == '▄';
        for (int dy = 0; dy < SCALE; dy++) {
          for (int dx = 0; dx < SCALE; dx++) {
            pixels[(row * SCALE + dy) * width * SCALE + x * SCALE + dx] = light ? 0xffffff : 0;
          }
        }
      }
    }
    try {
      return new QRCodeReader()
          .decode(
              new BinaryBitmap(
                  new HybridBinarizer(
                      new RGBLuminanceSource(width * SCALE, height * SCALE, pixels))),
              Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE))
          .getText();
    } catch (Exception e) {
      throw new AssertionError("the QR code does not decode: " + e, e);
    }
  }

  private static boolean isQrLine(String line) {
    return line.length() > 20
        && line.chars().allMatch(c -> c == '█' || c == '▀' || c == '▄' || c == ' ');
  }
}
