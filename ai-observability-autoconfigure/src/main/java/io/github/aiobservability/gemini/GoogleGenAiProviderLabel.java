package io.github.aiobservability.gemini;

import java.util.Collection;

import com.google.genai.Client;
import io.github.aiobservability.model.ProviderResolver;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Tells the Gemini API from Vertex AI for the {@code provider} label. Spring AI's Google
 * GenAI models report {@code google_genai} for both, and hide the {@link Client} they
 * call; the application's {@code Client} beans say which service they run on
 * ({@link Client#vertexAI()}), so they decide, once, at startup: {@code vertex_ai} when
 * every one runs on Vertex AI, else {@code gemini}.
 * <p>
 * With clients of both, a call cannot be told apart by what its observation carries: they
 * stay {@code gemini}, and a warning says to label them with provider rules.
 */
public final class GoogleGenAiProviderLabel {

	private static final Log logger = LogFactory.getLog(GoogleGenAiProviderLabel.class);

	private GoogleGenAiProviderLabel() {
	}

	/**
	 * Labels the calls of Spring AI's Google GenAI models by the service their clients
	 * run on.
	 * @param providers the provider resolver
	 * @param clients the application's Google GenAI clients
	 * @param rulesProperty the property of provider rules, named when they are needed
	 */
	public static void apply(ProviderResolver providers, Collection<Client> clients, String rulesProperty) {
		long vertex = clients.stream().filter(Client::vertexAI).count();
		if (vertex == 0) {
			return;
		}
		if (vertex == clients.size()) {
			providers.labelReportedProvider(ProviderResolver.GOOGLE_GENAI, "vertex_ai");
			return;
		}
		logger.warn("The application has Google GenAI clients of both the Gemini API and Vertex AI, whose calls look "
				+ "the same to the starter: they are labelled provider=\"gemini\". Set " + rulesProperty
				+ " with models patterns to label the Vertex AI ones \"vertex_ai\".");
	}

}
