package dev.custintel.core.internal.imports;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * SipHash-2-4 (Aumasson and Bernstein, "SipHash: a fast short-input PRF", 2012) with a 128-bit output: a keyed hash
 * whose outputs an adversary who does not know the key cannot steer, so two keys of a file collide only by chance
 * even in a file written to make them collide. Much cheaper than SHA-256 on the short keys of an import (ids, a
 * customer and a date). Instances are immutable and thread-safe. Not API.
 */
public final class SipHash {
  private static final long C0 = 0x736f6d6570736575L;
  private static final long C1 = 0x646f72616e646f6dL;
  private static final long C2 = 0x6c7967656e657261L;
  private static final long C3 = 0x7465646279746573L;

  private final long k0;
  private final long k1;

  /**
   * A hash with a given key.
   *
   * @param k0 the key's first 8 bytes, little-endian
   * @param k1 its last 8 bytes, little-endian
   */
  public SipHash(long k0, long k1) {
    this.k0 = k0;
    this.k1 = k1;
  }

  /**
   * A hash with a key of its own, unknown outside this process: the {@link SipHash} of a counter under a master key
   * of 128 random bits drawn once per process. The master key comes from the kernel's random source
   * ({@code /dev/urandom}, what the JDK's own {@code NativePRNG} reads) where there is one, else from
   * {@link SecureRandom}: setting up the JDK's security providers for a {@link SecureRandom} costs a cold command
   * about 20 ms, more than the rest of reading the CDNOW sample's 6,919 rows.
   *
   * @return the hash
   */
  public static SipHash withRandomKey() {
    long[] key = new long[2];
    byte[] counter = new byte[8];
    long n = Keys.COUNTER.incrementAndGet();
    for (int i = 0; i < 8; i++) {
      counter[i] = (byte) (n >>> (8 * i));
    }
    Keys.MASTER.hash128(counter, counter.length, key);
    return new SipHash(key[0], key[1]);
  }

  /**
   * @param source a file of random bytes, such as {@code /dev/urandom}
   * @return a hash keyed with the first 16 bytes of {@code source}, or with 16 bytes of {@link SecureRandom} when it
   *     cannot be read or is shorter
   */
  static SipHash keyedFrom(Path source) {
    byte[] seed = null;
    if (Files.isReadable(source)) {
      try (InputStream in = Files.newInputStream(source)) {
        byte[] read = in.readNBytes(16);
        seed = read.length == 16 ? read : null;
      } catch (IOException | RuntimeException e) {
        seed = null; // such as a sandbox that lists the device but refuses it: the JDK's source instead
      }
    }
    if (seed == null) {
      seed = new byte[16];
      new SecureRandom().nextBytes(seed);
    }
    return new SipHash(word(seed, 0, 8), word(seed, 8, 8));
  }

  /**
   * The 128-bit hash of {@code bytes[0, length)}.
   *
   * @param bytes the message
   * @param length its length, at most {@code bytes.length}
   * @param out receives the output's first 8 bytes (little-endian) in {@code out[0]} and its last 8 in {@code out[1]}
   */
  public void hash128(byte[] bytes, int length, long[] out) {
    long[] v = {k0 ^ C0, k1 ^ C1 ^ 0xee, k0 ^ C2, k1 ^ C3};
    int whole = length & ~7;
    for (int i = 0; i < whole; i += 8) {
      compress(v, word(bytes, i, 8));
    }
    compress(v, ((long) (length & 0xff) << 56) | word(bytes, whole, length - whole));
    v[2] ^= 0xee;
    rounds(v, 4);
    out[0] = v[0] ^ v[1] ^ v[2] ^ v[3];
    v[1] ^= 0xdd;
    rounds(v, 4);
    out[1] = v[0] ^ v[1] ^ v[2] ^ v[3];
  }

  /** Absorbs one 8-byte word: two rounds. */
  private static void compress(long[] v, long m) {
    v[3] ^= m;
    rounds(v, 2);
    v[0] ^= m;
  }

  /** {@code n} SipRounds on the state {@code v0..v3}. */
  private static void rounds(long[] v, int n) {
    long v0 = v[0];
    long v1 = v[1];
    long v2 = v[2];
    long v3 = v[3];
    for (int r = 0; r < n; r++) {
      v0 += v1;
      v1 = Long.rotateLeft(v1, 13) ^ v0;
      v0 = Long.rotateLeft(v0, 32);
      v2 += v3;
      v3 = Long.rotateLeft(v3, 16) ^ v2;
      v0 += v3;
      v3 = Long.rotateLeft(v3, 21) ^ v0;
      v2 += v1;
      v1 = Long.rotateLeft(v1, 17) ^ v2;
      v2 = Long.rotateLeft(v2, 32);
    }
    v[0] = v0;
    v[1] = v1;
    v[2] = v2;
    v[3] = v3;
  }

  /** @return {@code count} (0 to 8) bytes from {@code from}, little-endian */
  private static long word(byte[] bytes, int from, int count) {
    long w = 0;
    for (int i = count - 1; i >= 0; i--) {
      w = (w << 8) | (bytes[from + i] & 0xffL);
    }
    return w;
  }

  /** The master key and the count of keys derived from it, made on first use. */
  private static final class Keys {
    static final SipHash MASTER = keyedFrom(Path.of("/dev/urandom"));
    static final AtomicLong COUNTER = new AtomicLong();
  }
}
