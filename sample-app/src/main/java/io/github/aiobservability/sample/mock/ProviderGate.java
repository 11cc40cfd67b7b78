package io.github.aiobservability.sample.mock;

import java.io.IOException;
import java.util.Map;

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
	 * Lets a request in OpenAI's format through to the model, or answers it with its
	 * fault or a 429.
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
		return enter(WireFormat.OPENAI, model, limit, tokens, response);
	}

	/**
	 * Lets a request through to the model, or answers it with its fault or a 429, in the
	 * provider's wire format. A local model server (Ollama) has no rate limit and no key:
	 * an injected rate limit is its 503 for too many queued requests, an injected
	 * unauthorized call goes through.
	 * @param format the provider's wire format
	 * @param model the model asked
	 * @param limit the model's rate limit
	 * @param tokens the tokens the request takes if the model answers
	 * @param response the response, on which OpenAI's rate-limit headers are set
	 * @return the fault the model's answer carries ({@code NONE}, {@code SLOW} or
	 * {@code STREAM_CUT}), or {@code null} when the request has been answered already
	 * @throws IOException when the client has gone
	 */
	public FaultInjector.@Nullable Fault enter(WireFormat format, String model, MockProviderProperties.RateLimit limit,
			long tokens, HttpServletResponse response) throws IOException {
		FaultInjector.Fault fault = this.faults.draw();
		if (format == WireFormat.OLLAMA && fault == FaultInjector.Fault.UNAUTHORIZED) {
			fault = FaultInjector.Fault.NONE;
		}
		if (format.rateLimited()) {
			long charged = fault.answers() ? tokens : 0;
			RateLimiter.Decision budget = this.rateLimiter.admit(model, limit, charged);
			if (format.sendsRateLimitHeaders()) {
				budget.writeHeaders(response);
			}
			if (!budget.admitted()) {
				if (format == WireFormat.OPENAI) {
					response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(budget.retryAfterSeconds()));
					this.responses.sendError(response, HttpStatus.TOO_MANY_REQUESTS, String.valueOf(budget.spent()),
							"rate_limit_exceeded", refusal(model, budget, charged), null);
				}
				else {
					sendError(format, response, HttpStatus.TOO_MANY_REQUESTS, "rate_limit_exceeded",
							"Resource has been exhausted (e.g. check quota).");
				}
				return null;
			}
		}
		switch (fault) {
			case RATE_LIMITED -> {
				if (format == WireFormat.OPENAI) {
					response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(INJECTED_RETRY_AFTER_SECONDS));
				}
				if (format == WireFormat.OLLAMA) {
					sendError(format, response, HttpStatus.SERVICE_UNAVAILABLE, "overloaded",
							"server busy, please try again.  maximum pending requests exceeded");
				}
				else {
					sendError(format, response, HttpStatus.TOO_MANY_REQUESTS, "rate_limit_exceeded",
							"Rate limit reached for " + model);
				}
			}
			case UNAUTHORIZED ->
				sendError(format, response, HttpStatus.UNAUTHORIZED, "invalid_api_key", "Incorrect API key provided");
			case SERVER_ERROR -> sendError(format, response, HttpStatus.INTERNAL_SERVER_ERROR, "server_error",
					"The server had an error");
			case UNAVAILABLE ->
				sendError(format, response, HttpStatus.SERVICE_UNAVAILABLE, "overloaded", (format == WireFormat.OPENAI)
						? "The engine is currently overloaded" : "The model is overloaded. Please try again later.");
			default -> {
				return fault;
			}
		}
		return null;
	}

	/**
	 * An error in the provider's format: OpenAI's {@code error} object, Google's
	 * {@code error} with its {@code code}, {@code message} and {@code status}, Ollama's
	 * {@code error} string.
	 */
	private void sendError(WireFormat format, HttpServletResponse response, HttpStatus status, String openAiCode,
			String message) throws IOException {
		switch (format) {
			case OPENAI -> this.responses.sendError(response, status, openAiCode, message);
			case GEMINI -> this.responses.send(response, status, Map.of("error",
					Map.of("code", status.value(), "message", message, "status", googleStatus(status))));
			case OLLAMA -> this.responses.send(response, status, Map.of("error", message));
		}
	}

	private static String googleStatus(HttpStatus status) {
		return switch (status) {
			case TOO_MANY_REQUESTS -> "RESOURCE_EXHAUSTED";
			case UNAUTHORIZED -> "UNAUTHENTICATED";
			case SERVICE_UNAVAILABLE -> "UNAVAILABLE";
			default -> "INTERNAL";
		};
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
