package io.github.aiobservability.test;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the tests that run a Spring Boot application whose Ollama client calls a
 * {@link FakeOllamaServer}. One server on loopback serves every such test in the JVM, as
 * Spring's cached test contexts outlive a test class; it ends with the JVM.
 * <p>
 * The tests' {@code application.properties} selects OpenAI's chat and embedding models;
 * such an application selects Ollama's with {@link #CHAT_MODEL} and
 * {@link #EMBEDDING_MODEL}.
 */
public abstract class FakeOllamaApplicationTests {

	/** Selects Ollama's chat model over OpenAI's. */
	public static final String CHAT_MODEL = "spring.ai.model.chat=ollama";

	/** Selects Ollama's embedding model over OpenAI's. */
	public static final String EMBEDDING_MODEL = "spring.ai.model.embedding=ollama";

	/**
	 * Spring AI's retry template, as applications configure it (3 attempts), with short
	 * pauses instead of the default 2 seconds.
	 */
	public static final String[] QUICK_RETRIES = { "spring.ai.retry.max-attempts=2",
			"spring.ai.retry.backoff.initial-interval=10ms", "spring.ai.retry.backoff.multiplier=1",
			"spring.ai.retry.backoff.max-interval=10ms" };

	protected static final FakeOllamaServer server = FakeOllamaServer.startOnLoopback();

	@DynamicPropertySource
	static void ollamaBaseUrl(DynamicPropertyRegistry registry) {
		registry.add("spring.ai.ollama.base-url", server::baseUrl);
	}

}
