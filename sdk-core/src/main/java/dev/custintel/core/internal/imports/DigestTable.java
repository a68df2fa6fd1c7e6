package dev.custintel.core.internal.imports;

import java.nio.charset.StandardCharsets;

/**
 * Two numbers per string key for every key of a whole file, in about 32 to 85 bytes per key (a {@code HashMap} of
 * strings takes 120 or more): the key is kept only as a 128-bit digest, its {@link SipHash} under a key drawn at
 * random for each table, in open-addressing arrays. Two keys of one file share a digest with a probability of about
 * n&sup2;/2<sup>129</sup> (10<sup>-25</sup> for ten million keys), which the importer treats as never; because the
 * hash key is secret, a file cannot be written to make two of its keys collide. An import of a million orders keeps
 * its whole-file bookkeeping in about 32 MB: a test imports 600,000 orders in a 128 MB heap. (Until issue 17 the
 * digest was the first 16 bytes of the key's SHA-256: as safe, but several times the work on the short keys of an
 * import.) Not thread-safe. Not API.
 */
public final class DigestTable {
  private static final int LONGS_PER_SLOT = 4; // digest high, digest low, first value, second value
  private static final int MAX_SLOTS = 1 << 28;

  private final SipHash hash = SipHash.withRandomKey();
  private final long[] digest = new long[2];
  private long[] slots;
  private int mask;
  private int size;

  /** An empty table. */
  public DigestTable() {
    this.slots = new long[1024 * LONGS_PER_SLOT];
    this.mask = 1023;
  }

  /**
   * Finds a key, adding it with both values 0 if it is absent. The slot is valid until the next call of this
   * method.
   *
   * @param key the key
   * @return its slot, for {@link #first}, {@link #second} and {@link #set}
   */
  public int slot(String key) {
    byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
    hash.hash128(bytes, bytes.length, digest);
    long hi = digest[0];
    long lo = digest[1];
    if (hi == 0 && lo == 0) {
      lo = 1; // 0,0 marks an empty slot
    }
    if (size >= (mask + 1) / 4 * 3) {
      grow();
    }
    int i = find(slots, mask, hi, lo);
    if (slots[i * LONGS_PER_SLOT] == 0 && slots[i * LONGS_PER_SLOT + 1] == 0) {
      slots[i * LONGS_PER_SLOT] = hi;
      slots[i * LONGS_PER_SLOT + 1] = lo;
      size++;
    }
    return i;
  }

  /** @return the first value of a slot */
  public long first(int slot) {
    return slots[slot * LONGS_PER_SLOT + 2];
  }

  /** @return the second value of a slot */
  public long second(int slot) {
    return slots[slot * LONGS_PER_SLOT + 3];
  }

  /** Sets both values of a slot. */
  public void set(int slot, long first, long second) {
    slots[slot * LONGS_PER_SLOT + 2] = first;
    slots[slot * LONGS_PER_SLOT + 3] = second;
  }

  /** @return how many keys the table holds */
  public int size() {
    return size;
  }

  /** @return the slot holding the digest, or the empty slot where it belongs */
  private static int find(long[] slots, int mask, long hi, long lo) {
    int i = (int) (hi ^ (hi >>> 32)) & mask; // the digest is uniform: any of its bits index well
    while (true) {
      long h = slots[i * LONGS_PER_SLOT];
      long l = slots[i * LONGS_PER_SLOT + 1];
      if ((h == hi && l == lo) || (h == 0 && l == 0)) {
        return i;
      }
      i = (i + 1) & mask;
    }
  }

  private void grow() {
    int capacity = mask + 1;
    if (capacity >= MAX_SLOTS) {
      throw new IllegalStateException("more than " + (MAX_SLOTS / 4 * 3) + " keys in one import");
    }
    long[] bigger = new long[capacity * 2 * LONGS_PER_SLOT];
    int biggerMask = capacity * 2 - 1;
    for (int i = 0; i < capacity; i++) {
      long hi = slots[i * LONGS_PER_SLOT];
      long lo = slots[i * LONGS_PER_SLOT + 1];
      if (hi != 0 || lo != 0) {
        int j = find(bigger, biggerMask, hi, lo);
        System.arraycopy(slots, i * LONGS_PER_SLOT, bigger, j * LONGS_PER_SLOT, LONGS_PER_SLOT);
      }
    }
    slots = bigger;
    mask = biggerMask;
  }
}
