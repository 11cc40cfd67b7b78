package io.github.aiobservability.model;

import java.lang.reflect.Method;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.github.aiobservability.metrics.Endpoint;
import io.github.aiobservability.support.OneTimeLogger;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.model.ModelOptions;
import org.springframework.util.ClassUtils;

/**
 * Decides the {@code provider} label of a call: the first configured {@link ProviderRule}
 * that matches the model, the base URL or the ChatModel bean, else the provider that
 * well-known base URL hosts belong to (an OpenAI client pointed at DeepSeek is
 * {@code deepseek}), else the provider the ChatModel reports in its observation, under
 * the label it stands for: Spring AI's Google GenAI models report {@code google_genai},
 * which is {@code gemini} (the Gemini API) unless the application's Google GenAI clients
 * run on Vertex AI ({@link #labelReportedProvider}).
 */
public class ProviderResolver {

	/** Hosts of OpenAI-compatible endpoints, by the provider that runs them. */
	private static final Map<String, String> KNOWN_HOSTS = Map.ofEntries(Map.entry("api.deepseek.com", "deepseek"),
			Map.entry("dashscope.aliyuncs.com", "qwen"), Map.entry("dashscope-intl.aliyuncs.com", "qwen"),
			Map.entry("open.bigmodel.cn", "zhipu"), Map.entry("api.moonshot.cn", "moonshot"),
			Map.entry("api.moonshot.ai", "moonshot"), Map.entry("api.mistral.ai", "mistral"),
			Map.entry("generativelanguage.googleapis.com", "gemini"), Map.entry("api.anthropic.com", "anthropic"),
			Map.entry("api.groq.com", "groq"), Map.entry("openrouter.ai", "openrouter"),
			Map.entry("api.together.xyz", "together"), Map.entry("api.x.ai", "xai"));

	private static final int OLLAMA_PORT = 11434;

	/** What Spring AI's Google GenAI models report, for the Gemini API and Vertex AI. */
	public static final String GOOGLE_GENAI = "google_genai";

	private static final String OPENAI = "openai";

	/** Resolutions are cached, up to this many distinct inputs, to bound memory. */
	private static final int CACHE_LIMIT = 1024;

	private static final ClassValue<@Nullable Method> BASE_URL_GETTERS = new ClassValue<>() {
		@Override
		protected @Nullable Method computeValue(Class<?> type) {
			try {
				Method getter = type.getMethod("getBaseUrl");
				return (getter.getReturnType() == String.class) ? getter : null;
			}
			catch (NoSuchMethodException ex) {
				return null;
			}
		}
	};

	// Per instance: each application context warns once, whatever ran before in the JVM.
	private final OneTimeLogger logger = new OneTimeLogger(ProviderResolver.class);

	private volatile List<ProviderRule> rules;

	private final ConcurrentMap<CacheKey, String> cache = new ConcurrentHashMap<>();

	private final @Nullable String openAiBaseUrl;

	private final @Nullable String openAiEmbeddingBaseUrl;

	private final String rulesProperty;

	/** Reported providers that stand for another label, by what is reported. */
	private volatile Map<String, String> reportedLabels = Map.of(GOOGLE_GENAI, "gemini");

	/**
	 * Creates a resolver.
	 * @param rules the configured rules, in order
	 * @param rulesProperty the property that sets the rules, named when one cannot be
	 * applied
	 * @param openAiBaseUrl the base URL Spring AI's auto-configured OpenAI chat client
	 * uses, for calls whose options carry none, or {@code null}
	 * @param openAiEmbeddingBaseUrl the same for its OpenAI embedding client, or
	 * {@code null}
	 */
	public ProviderResolver(List<ProviderRule> rules, String rulesProperty, @Nullable String openAiBaseUrl,
			@Nullable String openAiEmbeddingBaseUrl) {
		this.rules = List.copyOf(rules);
		this.rulesProperty = rulesProperty;
		this.openAiBaseUrl = openAiBaseUrl;
		this.openAiEmbeddingBaseUrl = openAiEmbeddingBaseUrl;
	}

	/**
	 * Lets rules that name ChatModel beans match those beans' calls. An observation does
	 * not say which bean made it, so a bean is recognised by the base URL of its default
	 * options, which every call it makes carries.
	 * @param chatModels the application's ChatModel beans by name
	 */
	public void bindChatModels(Map<String, ? extends ChatModel> chatModels) {
		List<ProviderRule> bound = new ArrayList<>();
		for (ProviderRule rule : this.rules) {
			List<String> baseUrls = new ArrayList<>();
			for (String beanName : rule.chatModels()) {
				ChatModel chatModel = chatModels.get(beanName);
				String baseUrl = (chatModel != null) ? baseUrlOf(chatModel) : null;
				if (baseUrl != null) {
					baseUrls.add(baseUrl);
				}
				else {
					this.logger.warn("bean:" + beanName,
							this.rulesProperty + " rule '" + rule.provider() + "' names ChatModel bean '" + beanName
									+ "', which "
									+ ((chatModel != null)
											? "has no base URL to recognise its calls by; use models patterns"
											: "does not exist"),
							null);
				}
			}
			bound.add(baseUrls.isEmpty() ? rule : rule.withBaseUrls(baseUrls));
		}
		this.rules = List.copyOf(bound);
		this.cache.clear();
	}

	/**
	 * Sets the label of a provider as models report it, for the calls no rule or known
	 * host labels: the application's Google GenAI clients run on Vertex AI, for instance.
	 * @param reportedProvider what the models report, such as {@code google_genai}
	 * @param label the provider label of their calls
	 */
	public void labelReportedProvider(String reportedProvider, String label) {
		Map<String, String> labels = new HashMap<>(this.reportedLabels);
		labels.put(reportedProvider, label);
		this.reportedLabels = Map.copyOf(labels);
		this.cache.clear();
	}

	/**
	 * Resolves the provider label.
	 * @param reportedProvider what the model's observation says, such as {@code openai}
	 * @param model the requested model, or {@code null}
	 * @param options the request's options, for their base URL, or {@code null}
	 * @param endpoint the kind of call, which tells which configured base URL applies
	 * when the options carry none
	 * @return the provider label
	 */
	public String resolve(String reportedProvider, @Nullable String model, @Nullable ModelOptions options,
			Endpoint endpoint) {
		String baseUrl = baseUrl(options);
		if (baseUrl == null && OPENAI.equals(reportedProvider)) {
			baseUrl = (endpoint == Endpoint.EMBEDDING) ? this.openAiEmbeddingBaseUrl : this.openAiBaseUrl;
		}
		CacheKey key = new CacheKey(reportedProvider, model, baseUrl);
		String provider = this.cache.get(key);
		if (provider == null) {
			provider = compute(reportedProvider, model, baseUrl);
			if (this.cache.size() < CACHE_LIMIT) {
				this.cache.put(key, provider);
			}
		}
		return provider;
	}

	private String compute(String reportedProvider, @Nullable String model, @Nullable String baseUrl) {
		for (ProviderRule rule : this.rules) {
			if (rule.matches(model, baseUrl)) {
				return rule.provider();
			}
		}
		String byHost = (baseUrl != null) ? providerOfHost(baseUrl) : null;
		if (byHost != null) {
			return byHost;
		}
		String label = this.reportedLabels.get(reportedProvider);
		return (label != null) ? label : reportedProvider.toLowerCase(Locale.ROOT);
	}

	private static @Nullable String providerOfHost(String baseUrl) {
		try {
			URI uri = URI.create(baseUrl);
			String host = uri.getHost();
			if (host == null) {
				return null;
			}
			if (uri.getPort() == OLLAMA_PORT) {
				return "ollama";
			}
			return KNOWN_HOSTS.get(host.toLowerCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/**
	 * The base URL a ChatModel's calls carry: that of its options, or for Spring AI's
	 * auto-configured OpenAI model, whose options hold none, the configured one.
	 */
	private @Nullable String baseUrlOf(ChatModel chatModel) {
		String baseUrl = baseUrl(chatModel.getOptions());
		boolean openAi = chatModel.getClass().getSimpleName().startsWith("OpenAi");
		return (baseUrl == null && openAi) ? this.openAiBaseUrl : baseUrl;
	}

	private static @Nullable String baseUrl(@Nullable ModelOptions options) {
		if (options == null) {
			return null;
		}
		if (OPENAI_OPTIONS_PRESENT && OpenAiOptions.is(options)) {
			return OpenAiOptions.baseUrl(options);
		}
		Method getter = BASE_URL_GETTERS.get(options.getClass());
		if (getter == null) {
			return null;
		}
		try {
			return (String) getter.invoke(options);
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			return null;
		}
	}

	private static final boolean OPENAI_OPTIONS_PRESENT = ClassUtils
		.isPresent("org.springframework.ai.openai.OpenAiChatOptions", ProviderResolver.class.getClassLoader());

	/**
	 * The common case without reflection; kept apart so the class loads only when Spring
	 * AI's OpenAI module is present.
	 */
	private static final class OpenAiOptions {

		static boolean is(ModelOptions options) {
			return options instanceof org.springframework.ai.openai.OpenAiChatOptions;
		}

		static @Nullable String baseUrl(ModelOptions options) {
			return ((org.springframework.ai.openai.OpenAiChatOptions) options).getBaseUrl();
		}

	}

	private record CacheKey(String reportedProvider, @Nullable String model, @Nullable String baseUrl) {
	}

}
