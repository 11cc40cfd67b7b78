package io.github.aiobservability.test;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the tests that run a Spring Boot application whose OpenAI client calls a
 * {@link FakeOpenAiServer}. One server on loopback serves every such test in the JVM, as
 * Spring's cached test contexts outlive a test class; it ends with the JVM.
 */
public abstract class FakeOpenAiApplicationTests {

	/** Properties every such application needs; the base URL is added per server. */
	public static final String API_KEY = "spring.ai.openai.api-key=test-key";

	public static final String MODEL = "spring.ai.openai.chat.model=gpt-4o-mini";

	/** The SDK's retries would turn one failed call into several requests. */
	public static final String NO_RETRIES = "spring.ai.openai.max-retries=0";

	public static final String EXPOSE_PROMETHEUS = "management.endpoints.web.exposure.include=prometheus";

	protected static final FakeOpenAiServer server = FakeOpenAiServer.startOnLoopback();

	@DynamicPropertySource
	static void openAiBaseUrl(DynamicPropertyRegistry registry) {
		registry.add("spring.ai.openai.base-url", server::baseUrl);
	}

	/**
	 * Label pairs, the given ones followed by more.
	 * @param labels pairs of label name and value
	 * @param more further pairs
	 * @return all pairs
	 */
	protected static String[] with(String[] labels, String... more) {
		String[] all = new String[labels.length + more.length];
		System.arraycopy(labels, 0, all, 0, labels.length);
		System.arraycopy(more, 0, all, labels.length, more.length);
		return all;
	}

}
