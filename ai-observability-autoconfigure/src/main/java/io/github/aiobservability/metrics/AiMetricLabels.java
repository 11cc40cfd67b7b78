package io.github.aiobservability.metrics;

import java.util.Set;

/**
 * Label keys of the built-in dimensions. User tags may not reuse them, nor the labels
 * Prometheus adds itself.
 */
public final class AiMetricLabels {

	public static final String MODEL = "model";

	public static final String PROVIDER = "provider";

	public static final String ENDPOINT = "endpoint";

	public static final String STATUS = "status";

	public static final String ERROR_TYPE = "error_type";

	public static final String DIRECTION = "direction";

	public static final String CURRENCY = "currency";

	/** The HTTP status of an attempt, or {@code none} when no response came. */
	public static final String STATUS_CODE = "status_code";

	/** {@code first} or {@code retry}. */
	public static final String ATTEMPT = "attempt";

	/** What a rate limit counts: requests, tokens, input_tokens or output_tokens. */
	public static final String RESOURCE = "resource";

	/** Where prices come from: {@code bundled}, or a price list's location. */
	public static final String SOURCE = "source";

	/** A budget's name. */
	public static final String BUDGET = "budget";

	/**
	 * Whom a budget's spend is kept for: a request tag's value, or {@code application}.
	 */
	public static final String SCOPE_VALUE = "scope_value";

	/** What was done to a call whose budget was spent: alert, reject or fallback. */
	public static final String ACTION = "action";

	/** A service level objective's name. */
	public static final String SLO = "slo";

	/**
	 * What a service level objective counts: {@code availability}, {@code latency} or
	 * {@code time_to_first_token}.
	 */
	public static final String SLI = "sli";

	/**
	 * A histogram bucket's upper bound, on the gauge that names the bucket a latency
	 * objective counts.
	 */
	public static final String LE = "le";

	/** A budget's period: {@code day} or {@code month}. */
	public static final String PERIOD = "period";

	/** The {@code name} of a threshold. */
	public static final String NAME = "name";

	/** Value of a request tag that was not supplied for a call. */
	public static final String NONE = "none";

	/** Value recorded once a label has reached its cap of distinct values. */
	public static final String OTHER = "other";

	/** Model label when neither the request nor the response names a model. */
	public static final String UNKNOWN = "unknown";

	/**
	 * Label values that stand for no real value ({@code none}, {@code other},
	 * {@code unknown}): never capped, and never matched by a model pattern.
	 */
	public static final Set<String> PLACEHOLDERS = Set.of(NONE, OTHER, UNKNOWN);

	/**
	 * Keys a user tag must not take: the built-in labels and those Prometheus or its
	 * histograms own.
	 */
	public static final Set<String> RESERVED = Set.of(MODEL, PROVIDER, ENDPOINT, STATUS, ERROR_TYPE, DIRECTION,
			CURRENCY, STATUS_CODE, ATTEMPT, RESOURCE, SOURCE, BUDGET, SCOPE_VALUE, ACTION, NAME, SLO, SLI, PERIOD, LE,
			"quantile", "job", "instance");

	private AiMetricLabels() {
	}

}
