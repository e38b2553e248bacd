package io.idbridge.password;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * A bcrypt hash in the OpenBSD modular crypt format: {@code $2a$}, {@code $2b$} or {@code $2y$}.
 */
record BcryptHash(String encoded, int cost) implements StoredHash {

  /** Cost 20 takes about a minute per check; beyond it a stored hash is treated as hostile. */
  static final int MAX_COST = 20;

  // $2y$ (crypt_blowfish, 2011) and $2b$ (OpenBSD, 2014) only mark implementations fixed for their
  // own bugs: a correct implementation computes them as $2a$. $2x$ marks hashes from the buggy
  // crypt_blowfish and is not accepted. Cost is two digits, then 22 characters of salt and 31 of
  // hash in bcrypt's own base64 alphabet.
  private static final Pattern FORMAT = Pattern.compile("\\$2[aby]\\$(\\d\\d)\\$[./A-Za-z0-9]{53}");

  static BcryptHash parse(String encoded) {
    Matcher matcher = FORMAT.matcher(encoded);
    if (!matcher.matches()) {
      throw new UnusableHashException("not a 60-character $2a$/$2b$/$2y$ bcrypt string");
    }
    // Bouncy Castle refuses costs below 4, as OpenBSD does.
    int cost = HashFields.within(Integer.parseInt(matcher.group(1)), 4, MAX_COST, "bcrypt cost");
    return new BcryptHash(encoded, cost);
  }

  @Override
  public boolean matches(String password) {
    // bcrypt reads at most 72 bytes of the password: Bouncy Castle truncates as OpenBSD does, and
    // compares the generated string in constant time (Strings.constantTimeAreEqual).
    return OpenBSDBCrypt.checkPassword(encoded, HashFields.utf8(password));
  }
}
