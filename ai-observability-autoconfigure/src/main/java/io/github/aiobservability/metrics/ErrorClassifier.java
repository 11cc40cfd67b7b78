package io.github.aiobservability.metrics;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.reflect.Method;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Turns a failed call's exception into a {@link CallOutcome} by walking its cause chain.
 * Only the exception's type and status code are read: its message never becomes a label.
 * <p>
 * Providers fail in different shapes, all handled without a compile-time dependency:
 * <ul>
 * <li>the official OpenAI and Anthropic Java SDKs throw exceptions with a
 * {@code statusCode()} method, wrapped in {@code CompletionException} when
 * streaming;</li>
 * <li>Spring's {@code RestClientResponseException} and {@code WebClientResponseException}
 * carry {@code getStatusCode()};</li>
 * <li>the Google GenAI SDK (Gemini, Vertex AI) throws {@code ApiException}s with
 * {@code code()}, the HTTP status, which Spring AI wraps in a plain
 * {@code RuntimeException};</li>
 * <li>Spring AI's RestClient-based models throw {@code TransientAiException} or
 * {@code NonTransientAiException} whose message starts with {@code HTTP 429 - };</li>
 * <li>timeouts and I/O failures are recognised by their types.</li>
 * </ul>
 * A status code anywhere in the chain decides; then a response that could not be parsed
 * is {@code other}; otherwise a timeout beats a plain network error, since SDKs wrap a
 * timeout in their own I/O exception.
 */
public class ErrorClassifier {

	private static final int MAX_CAUSE_DEPTH = 16;

	/** The Google GenAI SDK's exceptions name their HTTP status {@code code()}. */
	private static final String GOOGLE_GENAI_ERRORS = "com.google.genai.errors.";

	private static final Pattern SPRING_AI_HTTP_STATUS = Pattern.compile("^HTTP (\\d{3})\\b");

	private static final ClassValue<StatusCodeAccessor> STATUS_CODE_ACCESSORS = new ClassValue<>() {
		@Override
		protected StatusCodeAccessor computeValue(Class<?> type) {
			return StatusCodeAccessor.of(type);
		}
	};

	/**
	 * Classifies a failure.
	 * @param error what the call threw
	 * @return its outcome, {@link CallOutcome#OTHER} when nothing is recognised
	 */
	public CallOutcome classify(Throwable error) {
		boolean timeout = false;
		boolean network = false;
		boolean unreadable = false;
		Throwable current = error;
		for (int depth = 0; current != null && depth < MAX_CAUSE_DEPTH; depth++) {
			int status = httpStatus(current);
			if (status > 0) {
				return CallOutcome.ofHttpStatus(status);
			}
			timeout |= isTimeout(current);
			network |= isNetwork(current);
			unreadable |= isUnreadableResponse(current);
			Throwable cause = current.getCause();
			current = (cause != current) ? cause : null;
		}
		// A body that does not parse arrived whole: Jackson's exceptions are
		// IOExceptions, but the network is not to blame.
		if (unreadable) {
			return CallOutcome.OTHER;
		}
		return timeout ? CallOutcome.TIMEOUT : network ? CallOutcome.NETWORK : CallOutcome.OTHER;
	}

	private static boolean isUnreadableResponse(Throwable error) {
		String name = error.getClass().getName();
		return name.startsWith("com.fasterxml.jackson.") || name.startsWith("tools.jackson.")
				|| name.endsWith("InvalidDataException");
	}

	private static int httpStatus(Throwable error) {
		int status = STATUS_CODE_ACCESSORS.get(error.getClass()).statusCode(error);
		if (status > 0) {
			return status;
		}
		if (error.getClass().getName().startsWith("org.springframework.ai.") && error.getMessage() != null) {
			Matcher matcher = SPRING_AI_HTTP_STATUS.matcher(error.getMessage());
			if (matcher.find()) {
				return Integer.parseInt(matcher.group(1));
			}
		}
		return 0;
	}

	private static boolean isTimeout(Throwable error) {
		if (error instanceof SocketTimeoutException || error instanceof TimeoutException) {
			return true;
		}
		// OkHttp signals call and read timeouts as InterruptedIOException("timeout").
		if (error instanceof InterruptedIOException && "timeout".equalsIgnoreCase(error.getMessage())) {
			return true;
		}
		// java.net.http.HttpTimeoutException, Netty's ReadTimeoutException and the like.
		return error.getClass().getSimpleName().contains("Timeout");
	}

	private static boolean isNetwork(Throwable error) {
		String name = error.getClass().getSimpleName();
		// The OpenAI SDK's OpenAIIoException and Spring's ResourceAccessException are
		// runtime wrappers of I/O failures.
		return error instanceof IOException || name.endsWith("IoException") || name.equals("ResourceAccessException");
	}

	/**
	 * Reads an HTTP status from an exception type that exposes one, found once per type.
	 */
	private interface StatusCodeAccessor {

		StatusCodeAccessor NONE = (error) -> 0;

		int statusCode(Throwable error);

		static StatusCodeAccessor of(Class<?> type) {
			// code() means other things elsewhere (SQL vendor codes, gRPC status enums):
			// it is read only from the one SDK known to mean the HTTP status by it.
			String[] names = type.getName().startsWith(GOOGLE_GENAI_ERRORS) ? new String[] { "code" }
					: new String[] { "statusCode", "getStatusCode" };
			for (String name : names) {
				Method method = publicNoArgMethod(type, name);
				if (method != null) {
					return (error) -> toInt(invoke(method, error));
				}
			}
			return NONE;
		}

		private static @Nullable Method publicNoArgMethod(Class<?> type, String name) {
			try {
				Method method = type.getMethod(name);
				method.setAccessible(true);
				return method;
			}
			catch (NoSuchMethodException | RuntimeException ex) {
				return null;
			}
		}

		private static @Nullable Object invoke(Method method, Object target) {
			try {
				return method.invoke(target);
			}
			catch (ReflectiveOperationException | RuntimeException ex) {
				return null;
			}
		}

		private static int toInt(@Nullable Object status) {
			if (status instanceof Number number) {
				return number.intValue();
			}
			if (status == null) {
				return 0;
			}
			// Spring's HttpStatusCode and similar types expose value().
			Method value = publicNoArgMethod(status.getClass(), "value");
			return (value != null && invoke(value, status) instanceof Number number) ? number.intValue() : 0;
		}

	}

}
