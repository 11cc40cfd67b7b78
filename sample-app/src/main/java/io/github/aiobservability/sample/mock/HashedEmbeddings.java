package io.github.aiobservability.sample.mock;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The embedded provider's vectors: a hashed set of words. Each distinct word of the text,
 * in lower case, adds 1 to the dimension its hash picks, and the vector is scaled to
 * length 1, as OpenAI's are. The same text always gives the same vector, and texts that
 * share words point the same way, so cosine similarity finds the document closest to a
 * question.
 */
public final class HashedEmbeddings {

	private HashedEmbeddings() {
	}

	/**
	 * Embeds a text.
	 * @param text the text
	 * @param dimensions the vector's length
	 * @return a unit vector, or the zero vector for a text without letters or digits
	 */
	public static float[] embed(String text, int dimensions) {
		float[] vector = new float[dimensions];
		Set<String> words = new HashSet<>(Arrays.asList(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")));
		words.remove("");
		for (String word : words) {
			vector[Math.floorMod(mix(word.hashCode()), dimensions)] += 1;
		}
		double norm = 0;
		for (float value : vector) {
			norm += value * value;
		}
		if (norm > 0) {
			float scale = (float) (1 / Math.sqrt(norm));
			for (int i = 0; i < dimensions; i++) {
				vector[i] *= scale;
			}
		}
		return vector;
	}

	/**
	 * Spreads a string hash's bits (MurmurHash3's finaliser), since {@code hashCode} of
	 * short words differ mostly in their low bits.
	 */
	private static int mix(int hash) {
		int h = hash;
		h ^= h >>> 16;
		h *= 0x85eb_ca6b;
		h ^= h >>> 13;
		h *= 0xc2b2_ae35;
		h ^= h >>> 16;
		return h;
	}

}
