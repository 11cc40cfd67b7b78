package io.github.aiobservability.sample.mock;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * What every request to a model of the embedded provider goes through before the model
 * answers: the fault injector's draw, then the model's rate-limit budget. OpenAI's
 * rate-limit headers go on every answer, errors included; a spent budget is answered 429
 * {@code rate_limit_exceeded} with a {@code Retry-After} of the time to the window's end,
 * an injected 429 with a {@code Retry-After} of one second, so that a client that retries
 * (as the OpenAI SDK does by default) recovers quickly.
 */
@Component
public class ProviderGate {

	/** Seconds a client is asked to wait after an injected 429. */
	static final long INJECTED_RETRY_AFTER_SECONDS = 1;

	private final FaultInjector faults;

	private final RateLimiter rateLimiter;

	private final OpenAiResponses responses;

	public ProviderGate(FaultInjector faults, RateLimiter rateLimiter, OpenAiResponses responses) {
		this.faults = faults;
		this.rateLimiter = rateLimiter;
		this.responses = responses;
	}

	/**
	 * Lets a request through to the model, or answers it with its fault or a 429.
	 * @param model the model asked
	 * @param limit the model's rate limit
	 * @param tokens the tokens the request takes if the model answers
	 * @param response the response, on which the rate-limit headers are set
	 * @return the fault the model's answer carries ({@code NONE}, {@code SLOW} or
	 * {@code STREAM_CUT}), or {@code null} when the request has been answered already
	 * @throws IOException when the client has gone
	 */
	public FaultInjector.@Nullable Fault enter(String model, MockProviderProperties.RateLimit limit, long tokens,
			HttpServletResponse response) throws IOException {
		FaultInjector.Fault fault = this.faults.draw();
		long charged = fault.answers() ? tokens : 0;
		RateLimiter.Decision budget = this.rateLimiter.admit(model, limit, charged);
		budget.writeHeaders(response);
		if (!budget.admitted()) {
			response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(budget.retryAfterSeconds()));
			this.responses.sendError(response, HttpStatus.TOO_MANY_REQUESTS, String.valueOf(budget.spent()),
					"rate_limit_exceeded", refusal(model, budget, charged), null);
			return null;
		}
		switch (fault) {
			case RATE_LIMITED -> {
				response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(INJECTED_RETRY_AFTER_SECONDS));
				this.responses.sendError(response, HttpStatus.TOO_MANY_REQUESTS, "rate_limit_exceeded",
						"Rate limit reached for " + model);
			}
			case UNAUTHORIZED -> this.responses.sendError(response, HttpStatus.UNAUTHORIZED, "invalid_api_key",
					"Incorrect API key provided");
			case SERVER_ERROR -> this.responses.sendError(response, HttpStatus.INTERNAL_SERVER_ERROR, "server_error",
					"The server had an error");
			case UNAVAILABLE -> this.responses.sendError(response, HttpStatus.SERVICE_UNAVAILABLE, "overloaded",
					"The engine is currently overloaded");
			default -> {
				return fault;
			}
		}
		return null;
	}

	/**
	 * How long a {@code SLOW} answer takes.
	 * @return the delay in force, in milliseconds
	 */
	public long slowDelayMillis() {
		return this.faults.current().slowDelayMillis();
	}

	/**
	 * OpenAI's message for a spent budget, such as "Rate limit reached for gpt-4o-mini on
	 * requests: Limit 60, Used 60, Requested 1. Please try again in 23.5s."
	 */
	private static String refusal(String model, RateLimiter.Decision budget, long tokens) {
		boolean requests = "requests".equals(budget.spent());
		long limit = requests ? budget.requestLimit() : budget.tokenLimit();
		long used = limit - (requests ? budget.requestsRemaining() : budget.tokensRemaining());
		return "Rate limit reached for " + model + " on " + budget.spent() + ": Limit " + limit + ", Used " + used
				+ ", Requested " + (requests ? 1 : tokens) + ". Please try again in "
				+ OpenAiDurations.format(budget.windowEnd()) + ".";
	}

}
