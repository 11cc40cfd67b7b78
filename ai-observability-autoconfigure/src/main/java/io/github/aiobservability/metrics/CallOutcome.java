package io.github.aiobservability.metrics;

/**
 * How a model round-trip or HTTP attempt ended: a success ({@link #NONE}), a cancelled
 * stream ({@link #CANCELLED}) or one kind of error. Each outcome is a value of the
 * {@code error_type} label of {@code ai_api_requests_total} and
 * {@code ai_api_attempts_total} and goes with one {@code status}. A fixed set, so the
 * label's cardinality never depends on what a provider throws.
 */
public enum CallOutcome {

	/** A success: no error. */
	NONE("none", Status.SUCCESS),

	/** A call its caller cancelled, most often a stream its consumer stopped early. */
	CANCELLED("cancelled", Status.CANCELLED),

	/** HTTP 429. */
	RATE_LIMITED("rate_limited", Status.ERROR),

	/** HTTP 401: the API key is wrong, expired or revoked. */
	UNAUTHORIZED("unauthorized", Status.ERROR),

	/** HTTP 403. */
	FORBIDDEN("forbidden", Status.ERROR),

	/** Any other HTTP 4xx. */
	CLIENT_ERROR("client_error", Status.ERROR),

	/** HTTP 5xx. */
	SERVER_ERROR("server_error", Status.ERROR),

	TIMEOUT("timeout", Status.ERROR),

	/** Connection refused, reset, DNS failure and other I/O errors. */
	NETWORK("network", Status.ERROR),

	OTHER("other", Status.ERROR);

	private final String value;

	private final Status status;

	CallOutcome(String value, Status status) {
		this.value = value;
		this.status = status;
	}

	/**
	 * The {@code error_type} label of this outcome.
	 * @return the label value
	 */
	public String value() {
		return this.value;
	}

	/**
	 * The {@code status} label that goes with this outcome.
	 * @return the status
	 */
	public Status status() {
		return this.status;
	}

	/**
	 * The outcome of a failed call with an HTTP status code.
	 * @param httpStatus the status code
	 * @return the outcome
	 */
	public static CallOutcome ofHttpStatus(int httpStatus) {
		return switch (httpStatus) {
			case 401 -> UNAUTHORIZED;
			case 403 -> FORBIDDEN;
			case 429 -> RATE_LIMITED;
			default -> (httpStatus >= 500 && httpStatus < 600) ? SERVER_ERROR
					: (httpStatus >= 400 && httpStatus < 500) ? CLIENT_ERROR : OTHER;
		};
	}

	/**
	 * The {@code status} label.
	 */
	public enum Status {

		SUCCESS("success"), ERROR("error"), CANCELLED("cancelled");

		private final String value;

		Status(String value) {
			this.value = value;
		}

		public String value() {
			return this.value;
		}

	}

}
