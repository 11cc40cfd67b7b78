package io.github.aiobservability.chat;

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
 */
public record ProviderRule(String provider, List<GlobPattern> models, List<GlobPattern> baseUrls) {

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
