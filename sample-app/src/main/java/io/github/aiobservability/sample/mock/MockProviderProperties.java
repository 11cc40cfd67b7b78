package io.github.aiobservability.sample.mock;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The embedded provider: its chat and embedding models with their latency, token profiles
 * and rate limits, and the faults it injects at start-up (changeable at runtime through
 * {@code /mock/faults}).
 */
@ConfigurationProperties("sample.mock")
public class MockProviderProperties {

	/**
	 * Models the embedded provider serves, by name. A request for another model gets a
	 * 404.
	 */
	private Map<String, ModelProfile> models = new LinkedHashMap<>();

	/**
	 * Embedding models the embedded provider serves, by name. A request for another model
	 * gets a 404.
	 */
	private Map<String, EmbeddingModelProfile> embeddingModels = new LinkedHashMap<>();

	/**
	 * Length of the window each model's rate limits apply to. OpenAI's limits are per
	 * minute; a test may shorten the window to see a spent budget refill quickly.
	 */
	private Duration rateLimitWindow = Duration.ofMinutes(1);

	/**
	 * Fraction of requests that fail, by kind of failure, from 0 to 1.
	 */
	private Faults faults = new Faults();

	public Map<String, ModelProfile> getModels() {
		return this.models;
	}

	public void setModels(Map<String, ModelProfile> models) {
		this.models = models;
	}

	public Map<String, EmbeddingModelProfile> getEmbeddingModels() {
		return this.embeddingModels;
	}

	public void setEmbeddingModels(Map<String, EmbeddingModelProfile> embeddingModels) {
		this.embeddingModels = embeddingModels;
	}

	public Duration getRateLimitWindow() {
		return this.rateLimitWindow;
	}

	public void setRateLimitWindow(Duration rateLimitWindow) {
		this.rateLimitWindow = rateLimitWindow;
	}

	public Faults getFaults() {
		return this.faults;
	}

	public void setFaults(Faults faults) {
		this.faults = faults;
	}

	/**
	 * How one model answers.
	 */
	public static class ModelProfile {

		/**
		 * Typical time to a complete answer; each request varies by up to 30%.
		 */
		private Duration latency = Duration.ofMillis(500);

		/**
		 * Time to answer in the slow tail.
		 */
		private Duration tailLatency = Duration.ofSeconds(6);

		/**
		 * Fraction of requests in the slow tail.
		 */
		private double tailRatio = 0.02;

		/**
		 * Fraction of prompt tokens reported as served from the prompt cache.
		 */
		private double cachedRatio = 0;

		/**
		 * Reasoning tokens reported per answer token (0 for a model without reasoning).
		 */
		private double reasoningRatio = 0;

		/**
		 * Fraction of calls for which a local model server (the Ollama wire format) first
		 * loads the model into memory: a cold start.
		 */
		private double coldStartRatio = 0;

		/**
		 * How long loading the model takes on a cold start.
		 */
		private Duration coldStart = Duration.ofSeconds(3);

		/**
		 * Requests and tokens the model allows per rate-limit window.
		 */
		private final RateLimit rateLimit = new RateLimit();

		public double getColdStartRatio() {
			return this.coldStartRatio;
		}

		public void setColdStartRatio(double coldStartRatio) {
			this.coldStartRatio = coldStartRatio;
		}

		public Duration getColdStart() {
			return this.coldStart;
		}

		public void setColdStart(Duration coldStart) {
			this.coldStart = coldStart;
		}

		public Duration getLatency() {
			return this.latency;
		}

		public void setLatency(Duration latency) {
			this.latency = latency;
		}

		public Duration getTailLatency() {
			return this.tailLatency;
		}

		public void setTailLatency(Duration tailLatency) {
			this.tailLatency = tailLatency;
		}

		public double getTailRatio() {
			return this.tailRatio;
		}

		public void setTailRatio(double tailRatio) {
			this.tailRatio = tailRatio;
		}

		public double getCachedRatio() {
			return this.cachedRatio;
		}

		public void setCachedRatio(double cachedRatio) {
			this.cachedRatio = cachedRatio;
		}

		public double getReasoningRatio() {
			return this.reasoningRatio;
		}

		public void setReasoningRatio(double reasoningRatio) {
			this.reasoningRatio = reasoningRatio;
		}

		public RateLimit getRateLimit() {
			return this.rateLimit;
		}

	}

	/**
	 * How one embedding model answers.
	 */
	public static class EmbeddingModelProfile {

		/**
		 * Length of the vectors returned when the request names no {@code dimensions}.
		 */
		private int dimensions = 256;

		/**
		 * Typical time to an answer; each request varies by up to 30%.
		 */
		private Duration latency = Duration.ofMillis(80);

		/**
		 * Requests and tokens the model allows per rate-limit window.
		 */
		private final RateLimit rateLimit = new RateLimit();

		public int getDimensions() {
			return this.dimensions;
		}

		public void setDimensions(int dimensions) {
			this.dimensions = dimensions;
		}

		public Duration getLatency() {
			return this.latency;
		}

		public void setLatency(Duration latency) {
			this.latency = latency;
		}

		public RateLimit getRateLimit() {
			return this.rateLimit;
		}

	}

	/**
	 * One model's budget per rate-limit window, sent back as OpenAI's
	 * {@code x-ratelimit-limit-requests} and {@code x-ratelimit-limit-tokens}.
	 */
	public static class RateLimit {

		/**
		 * Requests allowed per window (OpenAI's RPM with the default one-minute window).
		 */
		private long requests = 60;

		/**
		 * Tokens allowed per window, prompt and completion together (OpenAI's TPM with
		 * the default one-minute window).
		 */
		private long tokens = 20_000;

		public long getRequests() {
			return this.requests;
		}

		public void setRequests(long requests) {
			this.requests = requests;
		}

		public long getTokens() {
			return this.tokens;
		}

		public void setTokens(long tokens) {
			this.tokens = tokens;
		}

	}

	/**
	 * Fault rates at start-up.
	 */
	public static class Faults {

		/**
		 * Fraction of requests answered 429 with {@code Retry-After: 1}, on top of the
		 * rate limits' own 429s.
		 */
		private double rateLimited;

		/**
		 * Fraction of requests answered 401, as with a revoked key.
		 */
		private double unauthorized;

		/**
		 * Fraction of requests answered 500.
		 */
		private double serverError;

		/**
		 * Fraction of requests answered 503.
		 */
		private double unavailable;

		/**
		 * Fraction of requests answered only after slow-delay, beyond the client's
		 * timeout.
		 */
		private double slow;

		/**
		 * Fraction of streams cut off half-way.
		 */
		private double streamCut;

		/**
		 * How long a slow request takes.
		 */
		private Duration slowDelay = Duration.ofSeconds(15);

		public FaultRates toRates() {
			return new FaultRates(this.rateLimited, this.unauthorized, this.serverError, this.unavailable, this.slow,
					this.streamCut, this.slowDelay.toMillis());
		}

		public double getRateLimited() {
			return this.rateLimited;
		}

		public void setRateLimited(double rateLimited) {
			this.rateLimited = rateLimited;
		}

		public double getUnauthorized() {
			return this.unauthorized;
		}

		public void setUnauthorized(double unauthorized) {
			this.unauthorized = unauthorized;
		}

		public double getServerError() {
			return this.serverError;
		}

		public void setServerError(double serverError) {
			this.serverError = serverError;
		}

		public double getUnavailable() {
			return this.unavailable;
		}

		public void setUnavailable(double unavailable) {
			this.unavailable = unavailable;
		}

		public double getSlow() {
			return this.slow;
		}

		public void setSlow(double slow) {
			this.slow = slow;
		}

		public double getStreamCut() {
			return this.streamCut;
		}

		public void setStreamCut(double streamCut) {
			this.streamCut = streamCut;
		}

		public Duration getSlowDelay() {
			return this.slowDelay;
		}

		public void setSlowDelay(Duration slowDelay) {
			this.slowDelay = slowDelay;
		}

	}

}
