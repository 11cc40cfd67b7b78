package io.github.aiobservability.sample.retrieval;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.stereotype.Component;

/**
 * Finds the built-in document nearest to a question: the documents are embedded once, in
 * one request, on first use; each question is embedded and compared to them by cosine
 * similarity. A failed first embedding is tried again on the next question.
 */
@Component
public class Retriever {

	private final EmbeddingModel embeddingModel;

	private final List<Document> documents;

	private volatile @Nullable List<float[]> vectors;

	public Retriever(EmbeddingModel embeddingModel) {
		this.embeddingModel = embeddingModel;
		this.documents = SampleDocuments.ALL;
	}

	/**
	 * The document nearest to a question.
	 * @param question the question
	 * @return the document and its similarity
	 */
	public Match nearest(String question) {
		List<float[]> index = index();
		float[] query = this.embeddingModel.embed(question);
		int best = 0;
		double bestSimilarity = Double.NEGATIVE_INFINITY;
		for (int i = 0; i < index.size(); i++) {
			double similarity = cosine(query, index.get(i));
			if (similarity > bestSimilarity) {
				best = i;
				bestSimilarity = similarity;
			}
		}
		Document document = this.documents.get(best);
		return new Match(document.getId(), Objects.requireNonNull(document.getText()), bestSimilarity);
	}

	/**
	 * The documents' vectors, embedded on first use.
	 * @return one vector per document, in order
	 */
	public List<float[]> index() {
		List<float[]> index = this.vectors;
		if (index == null) {
			synchronized (this) {
				index = this.vectors;
				if (index == null) {
					List<String> texts = new ArrayList<>();
					for (Document document : this.documents) {
						texts.add(Objects.requireNonNull(document.getText()));
					}
					index = List.copyOf(this.embeddingModel.embed(texts));
					this.vectors = index;
				}
			}
		}
		return index;
	}

	static double cosine(float[] a, float[] b) {
		double dot = 0;
		double normA = 0;
		double normB = 0;
		for (int i = 0; i < Math.min(a.length, b.length); i++) {
			dot += a[i] * b[i];
			normA += a[i] * a[i];
			normB += b[i] * b[i];
		}
		return (normA == 0 || normB == 0) ? 0 : dot / Math.sqrt(normA * normB);
	}

	/**
	 * A retrieved document.
	 *
	 * @param id the document's id
	 * @param text its text, to put in the prompt
	 * @param similarity its cosine similarity to the question
	 */
	public record Match(String id, String text, double similarity) {
	}

}
