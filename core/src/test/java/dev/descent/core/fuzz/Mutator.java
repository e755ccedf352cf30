package dev.descent.core.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Makes a new input from the corpus: one to four stacked byte-level mutations (flips, interesting
 * values, inserted, deleted and duplicated ranges, splices of two entries, dictionary tokens, and
 * growth to large sizes). Every choice comes from the seeded generator, so a seed replays the same
 * sequence of inputs.
 */
final class Mutator {
  private static final byte[] INTERESTING_BYTES = {
    0, 1, (byte) 0x7f, (byte) 0x80, (byte) 0xff, '\n', '\r', '\t', ' ', '"', '\'', ',', ':', '-', '.',
    '0', '9', 'e', '\\', '[', ']', '{', '}', '(', ')', '*', '?', '~'
  };
  private static final int[] INTERESTING_INTS = {
    0, 1, -1, 2, 255, 256, 0x7fff, 0x8000, 0xffff, 0x10000, 0x7fffffff, 0x80000000, 28, 784, 60000
  };

  private final SplittableRandom random;
  private final List<byte[]> dictionary;
  private final int maxSize;

  Mutator(SplittableRandom random, List<byte[]> dictionary, int maxSize) {
    this.random = random;
    this.dictionary = dictionary;
    this.maxSize = maxSize;
  }

  byte[] mutate(List<byte[]> corpus) {
    byte[] input = corpus.get(random.nextInt(corpus.size())).clone();
    int rounds = 1 + random.nextInt(4);
    for (int i = 0; i < rounds; i++) {
      input = once(input, corpus);
    }
    return input.length > maxSize ? Arrays.copyOf(input, maxSize) : input;
  }

  private byte[] once(byte[] in, List<byte[]> corpus) {
    if (in.length == 0) {
      return insert(in, 0, randomBytes(1 + random.nextInt(8)));
    }
    switch (random.nextInt(11)) {
      case 0: { // flip one bit
        byte[] out = in.clone();
        int at = random.nextInt(out.length);
        out[at] ^= (byte) (1 << random.nextInt(8));
        return out;
      }
      case 1: { // set a byte to a random or interesting value
        byte[] out = in.clone();
        out[random.nextInt(out.length)] = random.nextBoolean()
            ? (byte) random.nextInt(256)
            : INTERESTING_BYTES[random.nextInt(INTERESTING_BYTES.length)];
        return out;
      }
      case 2: // insert random bytes
        return insert(in, random.nextInt(in.length + 1), randomBytes(1 + random.nextInt(16)));
      case 3: { // delete a range
        int from = random.nextInt(in.length);
        int len = 1 + random.nextInt(Math.min(in.length - from, 64));
        byte[] out = new byte[in.length - len];
        System.arraycopy(in, 0, out, 0, from);
        System.arraycopy(in, from + len, out, from, in.length - from - len);
        return out;
      }
      case 4: { // duplicate a range elsewhere
        int from = random.nextInt(in.length);
        int len = 1 + random.nextInt(Math.min(in.length - from, 128));
        return insert(in, random.nextInt(in.length + 1), Arrays.copyOfRange(in, from, from + len));
      }
      case 5: { // splice: a head of this entry, a tail of another
        byte[] other = corpus.get(random.nextInt(corpus.size()));
        int cut = random.nextInt(in.length + 1);
        int otherCut = other.length == 0 ? 0 : random.nextInt(other.length + 1);
        byte[] out = Arrays.copyOf(in, cut + other.length - otherCut);
        System.arraycopy(other, otherCut, out, cut, other.length - otherCut);
        return out;
      }
      case 6: // a dictionary token
        if (!dictionary.isEmpty()) {
          byte[] token = dictionary.get(random.nextInt(dictionary.size()));
          return insert(in, random.nextInt(in.length + 1), token);
        }
        return insert(in, random.nextInt(in.length + 1), randomBytes(1));
      case 7: { // an interesting 4-byte big-endian integer (binary headers), overwritten in place
        byte[] out = in.length >= 4 ? in.clone() : Arrays.copyOf(in, 4);
        int at = random.nextInt(out.length - 3);
        int v = INTERESTING_INTS[random.nextInt(INTERESTING_INTS.length)];
        out[at] = (byte) (v >>> 24);
        out[at + 1] = (byte) (v >>> 16);
        out[at + 2] = (byte) (v >>> 8);
        out[at + 3] = (byte) v;
        return out;
      }
      case 8: // an interesting number as text
        return insert(in, random.nextInt(in.length + 1),
            String.valueOf(INTERESTING_INTS[random.nextInt(INTERESTING_INTS.length)])
                .getBytes(StandardCharsets.US_ASCII));
      case 9: // truncate
        return Arrays.copyOf(in, random.nextInt(in.length));
      default: { // grow: repeat a range until the input is large
        if (random.nextInt(8) != 0) {
          return insert(in, random.nextInt(in.length + 1), Arrays.copyOfRange(in, 0, Math.min(in.length, 32)));
        }
        int from = random.nextInt(in.length);
        int len = 1 + random.nextInt(Math.min(in.length - from, 64));
        int target = Math.min(maxSize, in.length * (2 + random.nextInt(64)) + random.nextInt(maxSize / 4 + 1));
        byte[] out = Arrays.copyOf(in, Math.max(target, in.length));
        for (int i = in.length; i < out.length; i++) {
          out[i] = in[from + (i - in.length) % len];
        }
        return out;
      }
    }
  }

  private byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = random.nextInt(3) == 0 ? (byte) random.nextInt(256) : (byte) (32 + random.nextInt(95));
    }
    return b;
  }

  private static byte[] insert(byte[] in, int at, byte[] what) {
    byte[] out = new byte[in.length + what.length];
    System.arraycopy(in, 0, out, 0, at);
    System.arraycopy(what, 0, out, at, what.length);
    System.arraycopy(in, at, out, at + what.length, in.length - at);
    return out;
  }
}
