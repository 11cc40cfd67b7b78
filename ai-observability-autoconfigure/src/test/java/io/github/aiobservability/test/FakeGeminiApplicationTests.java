package io.github.aiobservability.test;

import java.util.Optional;

import com.google.genai.Client;

/**
 * Base of the tests that run a Spring Boot application whose Google GenAI client calls a
 * {@link FakeGeminiServer}. One server on loopback serves every such test in the JVM, as
 * Spring's cached test contexts outlive a test class; it ends with the JVM.
 * <p>
 * Spring AI has no property for the Gemini API's base URL, so the SDK's default base URLs
 * (of the Gemini API and of Vertex AI) are pointed at this server for the whole JVM; only
 * Google GenAI clients read them. The tests' {@code application.properties} selects
 * OpenAI's chat model; such an application selects Google GenAI's with
 * {@link #CHAT_MODEL}.
 */
public abstract class FakeGeminiApplicationTests {

	/** Selects Google GenAI's chat model over OpenAI's. */
	public static final String CHAT_MODEL = "spring.ai.model.chat=google-genai";

	/** The key of the Gemini API (not Vertex AI). */
	public static final String API_KEY = "spring.ai.google.genai.api-key=test-key";

	public static final String MODEL = "spring.ai.google.genai.chat.model=gemini-2.5-flash";

	protected static final FakeGeminiServer server = FakeGeminiServer.startOnLoopback();

	static {
		Client.setDefaultBaseUrls(Optional.of(server.baseUrl()), Optional.of(server.baseUrl()));
	}

}
