package io.github.aiobservability.sample.mock;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.stereotype.Component;

/**
 * The embedded provider's rate limits: per model, a budget of requests and a budget of
 * tokens per window ({@code sample.mock.rate-limit-window}, a minute by default).
 * <p>
 * This is a simple fixed window, not OpenAI's continuously refilling limit. A model's
 * window opens with its first request after the previous window closed; both budgets
 * refill in full when it closes, so the reset headers give the time to the window's end
 * and a spent budget is answered 429 with a {@code Retry-After} of that time. The window
 * makes consumption visible: the remaining budget falls through the minute and jumps
 * back, where a continuously refilling one used at half its rate would stay near full.
 * <p>
 * Every admitted request counts one request, whatever its fate; it counts its tokens
 * (prompt and completion together, known in advance since the embedded provider writes
 * its answer before replying) only when it is answered. A request is refused when no
 * request is left or its tokens exceed those left; a refused request counts nothing.
 */
@Component
public class RateLimiter {

	private final long windowNanos;

	private final LongSupplier nanoClock;

	private final ConcurrentMap<String, Window> windows = new ConcurrentHashMap<>();

	@Autowired
	public RateLimiter(MockProviderProperties properties) {
		this(properties, System::nanoTime);
	}

	RateLimiter(MockProviderProperties properties, LongSupplier nanoClock) {
		Duration window = properties.getRateLimitWindow();
		if (window == null || window.toMillis() < 1) {
			throw new InvalidConfigurationPropertyValueException("sample.mock.rate-limit-window", window,
					"must be at least 1ms");
		}
		properties.getModels()
			.forEach((name, profile) -> validate("sample.mock.models." + name, profile.getRateLimit()));
		properties.getEmbeddingModels()
			.forEach((name, profile) -> validate("sample.mock.embedding-models." + name, profile.getRateLimit()));
		this.windowNanos = window.toNanos();
		this.nanoClock = nanoClock;
	}

	/**
	 * Admits a request to a model, or refuses it when the model's budget is spent.
	 * @param model the model's name
	 * @param limit the model's budget
	 * @param tokens the tokens the request takes if admitted (0 when it will not be
	 * answered)
	 * @return whether it was admitted, and the budget left after it
	 */
	public Decision admit(String model, MockProviderProperties.RateLimit limit, long tokens) {
		return this.windows.computeIfAbsent(model, (name) -> new Window())
			.admit(limit, tokens, this.nanoClock.getAsLong(), this.windowNanos);
	}

	private static void validate(String prefix, MockProviderProperties.RateLimit limit) {
		if (limit.getRequests() < 1) {
			throw new InvalidConfigurationPropertyValueException(prefix + ".rate-limit.requests", limit.getRequests(),
					"must be at least 1");
		}
		if (limit.getTokens() < 1) {
			throw new InvalidConfigurationPropertyValueException(prefix + ".rate-limit.tokens", limit.getTokens(),
					"must be at least 1");
		}
	}

	/**
	 * One model's current window.
	 */
	private static final class Window {

		private long openedAt;

		private boolean open;

		private long requestsUsed;

		private long tokensUsed;

		synchronized Decision admit(MockProviderProperties.RateLimit limit, long tokens, long now, long windowNanos) {
			if (!this.open || now - this.openedAt >= windowNanos) {
				this.open = true;
				this.openedAt = now;
				this.requestsUsed = 0;
				this.tokensUsed = 0;
			}
			boolean requestsLeft = this.requestsUsed < limit.getRequests();
			boolean tokensLeft = this.tokensUsed + tokens <= limit.getTokens();
			if (requestsLeft && tokensLeft) {
				this.requestsUsed++;
				this.tokensUsed += tokens;
			}
			Duration toWindowEnd = Duration.ofNanos(this.openedAt + windowNanos - now);
			String spent = !requestsLeft ? "requests" : !tokensLeft ? "tokens" : null;
			return new Decision(spent == null, spent, limit.getRequests(),
					Math.max(0, limit.getRequests() - this.requestsUsed),
					(this.requestsUsed > 0) ? toWindowEnd : Duration.ZERO, limit.getTokens(),
					Math.max(0, limit.getTokens() - this.tokensUsed),
					(this.tokensUsed > 0) ? toWindowEnd : Duration.ZERO, toWindowEnd);
		}

	}

	/**
	 * The outcome of one request against a model's budget.
	 *
	 * @param admitted whether the request may proceed
	 * @param spent for a refused request, the budget that ran out: {@code requests} or
	 * {@code tokens}
	 * @param requestLimit requests allowed per window
	 * @param requestsRemaining requests left in the window, after this one
	 * @param requestsReset time until the requests budget is full again
	 * @param tokenLimit tokens allowed per window
	 * @param tokensRemaining tokens left in the window, after this request
	 * @param tokensReset time until the tokens budget is full again
	 * @param windowEnd time until the window closes
	 */
	public record Decision(boolean admitted, @Nullable String spent, long requestLimit, long requestsRemaining,
			Duration requestsReset, long tokenLimit, long tokensRemaining, Duration tokensReset, Duration windowEnd) {

		/**
		 * The {@code Retry-After} of a refused request: whole seconds to the window's
		 * end, rounded up, at least 1.
		 * @return the seconds to wait
		 */
		public long retryAfterSeconds() {
			return Math.max(1, (this.windowEnd.toMillis() + 999) / 1000);
		}

		/**
		 * The budget as OpenAI's rate-limit headers.
		 * @return header names and values, in OpenAI's order
		 */
		public Map<String, String> headers() {
			Map<String, String> headers = new LinkedHashMap<>();
			headers.put("x-ratelimit-limit-requests", String.valueOf(this.requestLimit));
			headers.put("x-ratelimit-limit-tokens", String.valueOf(this.tokenLimit));
			headers.put("x-ratelimit-remaining-requests", String.valueOf(this.requestsRemaining));
			headers.put("x-ratelimit-remaining-tokens", String.valueOf(this.tokensRemaining));
			headers.put("x-ratelimit-reset-requests", OpenAiDurations.format(this.requestsReset));
			headers.put("x-ratelimit-reset-tokens", OpenAiDurations.format(this.tokensReset));
			return headers;
		}

		/**
		 * Sets the rate-limit headers on a response.
		 * @param response the response, not yet committed
		 */
		public void writeHeaders(HttpServletResponse response) {
			headers().forEach(response::setHeader);
		}

	}

}
