package io.github.aiobservability.test;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the tests that run a Spring Boot application whose Anthropic client calls a
 * {@link FakeAnthropicServer}. One server on loopback serves every such test in the JVM,
 * as Spring's cached test contexts outlive a test class; it ends with the JVM.
 * <p>
 * The tests' {@code application.properties} selects OpenAI's chat model, as both starters
 * are on the test classpath; such an application selects Anthropic's with
 * {@link #CHAT_MODEL}.
 */
public abstract class FakeAnthropicApplicationTests {

	/** Selects Anthropic's chat model over OpenAI's. */
	public static final String CHAT_MODEL = "spring.ai.model.chat=anthropic";

	/** Properties every such application needs; the base URL is added per server. */
	public static final String API_KEY = "spring.ai.anthropic.api-key=test-key";

	public static final String MODEL = "spring.ai.anthropic.chat.model=claude-haiku-4-5";

	/** The SDK's retries would turn one failed call into several requests. */
	public static final String NO_RETRIES = "spring.ai.anthropic.max-retries=0";

	protected static final FakeAnthropicServer server = FakeAnthropicServer.startOnLoopback();

	@DynamicPropertySource
	static void anthropicBaseUrl(DynamicPropertyRegistry registry) {
		registry.add("spring.ai.anthropic.base-url", server::baseUrl);
	}

}
