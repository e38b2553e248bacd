package io.idbridge.password;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ShaCryptHashTest {

  private final PasswordHashes hashes = new PasswordHashes(new PasswordConfig(64, 1, 1, 2));

  // Ulrich Drepper, "Unix crypt using SHA-256 and SHA-512", test vectors for SHA-512 (the hash
  // column is the output of crypt for the password and salt setting of each line).
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
Hello world!|$6$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/O817G3uBnIFNjnQJuesI68u4OTLiBFdcbYEdFCoEOfaS35inz1
Hello world!|$6$rounds=10000$saltstringsaltst$OW1/O6BYHV6BcXZu8QVeXbDWra3Oeqh0sbHbbMCVNSnCM/UrjmM0Dp8vOuZeHBy/YTBmSK6H9qs/y3RnOaw5v.
This is just a test|$6$rounds=5000$toolongsaltstrin$lQ8jolhgVRVhY4b5pZKaysCLi0QBxGoNeKQzQ3glMhwllF7oGDZxUhx1yxdYcz/e1JSbq3y6JMxxl8audkUEm0
a very much longer text to encrypt.  This one even stretches over morethan one line.|$6$rounds=1400$anotherlongsalts$POfYwTEok97VWcjxIiSOjiykti.o/pQs.wPvMxQ6Fm7I6IoYN3CmLs66x9t0oSwbtEW7o7UmJEiDwGqd8p4ur1
we have a short salt string but not a short password|$6$rounds=77777$short$WuQyW2YR.hBNpjjRhpYD/ifIw05xdfeEyQoMxIXbkvr0gge1a1x3yRULJ5CCaUeOxFmtlcGZelFl5CxtgfiAc0
a short string|$6$rounds=123456$asaltof16chars..$BtCwjqMJGx5hrJhZywWvt0RLE8uZ4oPwcelCjmw2kSYu.Ec6ycULevoBK25fs2xXgMNrCzIMVcgEJAstJeonj1
the minimum number is still observed|$6$rounds=1000$roundstoolow$kUMsbe306n21p9R.FRkW3IGn.S9NPN0x50YhH1xhLsPuWGsUSklZt58jaTfF4ZEQpyUNGc0dqbpBYYBaHHrsX.
""")
  void verifiesEachVectorFromDreppersSpec(String password, String encoded) {
    assertTrue(hashes.verify(password, encoded));
  }

  // The same spec's vectors for SHA-256 (glibc's crypt agrees with each).
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
Hello world!|$5$saltstring$5B8vYYiY.CVt1RlTTf8KbXBH3hsxY/GNooZaBBGWEc5
Hello world!|$5$rounds=10000$saltstringsaltst$3xv.VbSHBb41AL9AvLeujZkZRBAwqFMz2.opqey6IcA
This is just a test|$5$rounds=5000$toolongsaltstrin$Un/5jzAHMgOGZ5.mWJpuVolil07guHPvOW8mGRcvxa5
a very much longer text to encrypt.  This one even stretches over morethan one line.|$5$rounds=1400$anotherlongsalts$Rx.j8H.h8HjEDGomFU8bDkXm3XIUnzyxf12oP84Bnq1
we have a short salt string but not a short password|$5$rounds=77777$short$JiO1O3ZpDAxGJeaDIuqCoEFysAe1mZNJRs3pw0KQRd/
a short string|$5$rounds=123456$asaltof16chars..$gP3VQ/6X7UUEW3HkBn2w1/Ptq2jxPyzV/cZKmF/wJvD
the minimum number is still observed|$5$rounds=1000$roundstoolow$yfvwcWrQ8l/K0DAWyuPMDNHpIVlTQebY9l/gL972bIC
""")
  void verifiesEachSha256VectorFromDreppersSpec(String password, String encoded) {
    assertEquals(HashFormat.SHA256_CRYPT, PasswordHashes.formatOf(encoded));
    assertTrue(hashes.verify(password, encoded));
    assertFalse(hashes.verify(password + " ", encoded));
  }

  @Test
  void verifiesNonAsciiSha256PasswordAsUtf8() {
    // glibc: crypt("t\u00e1\u0411\u2113\u0259" as UTF-8, "$5$rounds=40000$PEZTJDiyzV28M3.m").
    String encoded = "$5$rounds=40000$PEZTJDiyzV28M3.m$JWoctm7ZKYl8BrJfuwOg1P4yTtbXCD9UnuqbE/323z1";

    assertTrue(hashes.verify("t\u00e1\u0411\u2113\u0259", encoded));
    assertFalse(hashes.verify("ta\u0411\u2113\u0259", encoded));
  }

  @Test
  void rehashesSha256CryptToArgon2id() {
    assertTrue(hashes.needsRehash("$5$saltstring$5B8vYYiY.CVt1RlTTf8KbXBH3hsxY/GNooZaBBGWEc5"));
  }

  @Test
  void refusesASha256HashOfTheWrongLength() {
    // A SHA-512 hash's 86 characters after a $5$ prefix.
    assertFalse(
        hashes.verify(
            "Hello world!",
            "$5$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/O817G3uBnIFNjnQJuesI68u4OTLiBFdcbYEdFCoEOfaS35inz1"));
  }

  @Test
  void refusesWrongPasswordsForDreppersVectors() {
    assertFalse(
        hashes.verify(
            "Hello world",
            "$6$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/O817G3uBnIFNjnQJuesI68u4OTLiBFdcbYEdFCoEOfaS35inz1"));
    assertFalse(
        hashes.verify(
            "the minimum number is still observed!",
            "$6$rounds=1000$roundstoolow$kUMsbe306n21p9R.FRkW3IGn.S9NPN0x50YhH1xhLsPuWGsUSklZt58jaTfF4ZEQpyUNGc0dqbpB"
                + "YYBaHHrsX."));
  }

  @Test
  void raisesRoundsBelow1000To1000() {
    // Drepper's setting "$6$rounds=10$roundstoolow" yields the rounds=1000 vector: the same bytes
    // verify when the stored string keeps the requested 10.
    assertTrue(
        hashes.verify(
            "the minimum number is still observed",
            "$6$rounds=10$roundstoolow$kUMsbe306n21p9R.FRkW3IGn.S9NPN0x50YhH1xhLsPuWGsUSklZt58jaTfF4ZEQpyUNGc0dqbpBYYB"
                + "aHHrsX."));
  }

  @Test
  void readsOnlySixteenCharactersOfSalt() {
    // Drepper's setting "$6$rounds=5000$toolongsaltstring" hashes with the salt cut to
    // "toolongsaltstrin".
    assertTrue(
        hashes.verify(
            "This is just a test",
            "$6$rounds=5000$toolongsaltstring$lQ8jolhgVRVhY4b5pZKaysCLi0QBxGoNeKQzQ3glMhwllF7oGDZxUhx1yxdYcz/e1JSbq3y6"
                + "JMxxl8audkUEm0"));
  }

  @Test
  void treatsExplicitRounds5000AsTheDefault() {
    // The first vector's salt and hash with the default rounds written out.
    assertTrue(
        hashes.verify(
            "Hello world!",
            "$6$rounds=5000$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/O817G3uBnIFNjnQJuesI68u4OTLiBFdcbYEdFCoEOf"
                + "aS35inz1"));
  }

  @Test
  void verifiesNonAsciiPasswordAsUtf8() {
    // passlib sha512_crypt_test: (UPASS_TABLE, ...) "ensures utf-8 used for unicode".
    String encoded =
        "$6$rounds=40000$PEZTJDiyzV28M3.m$GTlnzfzGB44DGd1XqlmC4erAJKCP.rhvLvrYxiT38htrNzVGBnplFOHjej"
            + "UGVrCfusGWxLQCc3pFO0A/1jYYr0";

    assertTrue(hashes.verify("t\u00e1\u0411\u2113\u0259", encoded));
    assertFalse(hashes.verify("ta\u0411\u2113\u0259", encoded));
  }

  @Test
  void refusesMoreThanTenMillionRoundsWithoutComputingThem() {
    assertFalse(
        hashes.verify(
            "Hello world!",
            "$6$rounds=999999999$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/O817G3uBnIFNjnQJuesI68u4OTLiBFdcbYEdF"
                + "CoEOfaS35inz1"));
  }

  @Test
  void refusesMalformedStrings() {
    // passlib sha512_crypt known_malformed_hashes: zero-padded rounds; a bad character in the hash.
    assertFalse(
        hashes.verify(
            "x",
            "$6$rounds=011021$KsvQipYPWpr93wWP$v7xjI4X6vyVptJjB1Y02vZC5SaSijBkGmq1uJhPr3cvqvvkd42Xvo48yLVPFt8dvhCsnl"
                + "UgpX.//Cxn91H4qy1"));
    assertFalse(
        hashes.verify(
            "Hello world!",
            "$6$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/O817G3uBnIFNjnQJuesI68u4OTLiBFdcbYEdFCoEOfaS35in!1"));
    assertFalse(hashes.verify("Hello world!", "$6$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMH"));
    assertFalse(hashes.verify("Hello world!", "$6$rounds=5000"));
  }
}
