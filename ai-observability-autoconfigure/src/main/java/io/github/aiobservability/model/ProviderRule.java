package io.github.aiobservability.model;

import java.util.ArrayList;
import java.util.List;

import io.github.aiobservability.support.GlobPattern;
import org.jspecify.annotations.Nullable;

/**
 * Sets the {@code provider} label of calls whose model name or base URL matches, for
 * OpenAI-compatible clients pointed at another provider.
 *
 * @param provider the label value, for example {@code deepseek}
 * @param models model name patterns, for example {@code deepseek-*}
 * @param baseUrls base URL patterns, for example {@code *api.deepseek.com*}
 * @param chatModels names of ChatModel beans whose calls the rule covers; they match by
 * the bean's base URL, see {@link ProviderResolver#bindChatModels}
 */
public record ProviderRule(String provider, List<GlobPattern> models, List<GlobPattern> baseUrls,
		List<String> chatModels) {

	public ProviderRule(String provider, List<GlobPattern> models, List<GlobPattern> baseUrls) {
		this(provider, models, baseUrls, List.of());
	}

	/**
	 * This rule, also matching the given base URLs exactly.
	 * @param more base URLs of the rule's ChatModel beans
	 * @return the extended rule
	 */
	ProviderRule withBaseUrls(List<String> more) {
		List<GlobPattern> all = new ArrayList<>(this.baseUrls);
		more.forEach((url) -> all.add(GlobPattern.literal(url)));
		return new ProviderRule(this.provider, this.models, all, this.chatModels);
	}

	boolean matches(@Nullable String model, @Nullable String baseUrl) {
		return (model != null && anyMatch(this.models, model)) || (baseUrl != null && anyMatch(this.baseUrls, baseUrl));
	}

	private static boolean anyMatch(List<GlobPattern> patterns, String name) {
		for (GlobPattern pattern : patterns) {
			if (pattern.matches(name)) {
				return true;
			}
		}
		return false;
	}

}
