package io.github.aiobservability.sample.chat;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;

import io.github.aiobservability.budget.BudgetExceededException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Turns failures into JSON answers: 400 for bad input, never a 500 for something the
 * client can fix, and a classified status for provider failures.
 * <p>
 * Every answer names its content type, JSON: a client of the streaming endpoint accepts
 * {@code text/event-stream}, which no error body can be written as, so without it Spring
 * would fail to write the answer and send an empty 500 instead.
 */
@RestControllerAdvice
public class ApiExceptionHandler {

	private static final Log logger = LogFactory.getLog(ApiExceptionHandler.class);

	private final ProviderFailures providerFailures;

	public ApiExceptionHandler(ProviderFailures providerFailures) {
		this.providerFailures = providerFailures;
	}

	@ExceptionHandler(InvalidChatRequestException.class)
	ResponseEntity<Map<String, Object>> invalidRequest(InvalidChatRequestException ex) {
		return badRequest(Map.of("error", "invalid_request", "field", ex.getField(), "message", ex.getMessage()));
	}

	@ExceptionHandler(HttpMessageNotReadableException.class)
	ResponseEntity<Map<String, Object>> unreadableBody(HttpMessageNotReadableException ex) {
		MismatchedInputException mismatch = mismatch(ex);
		String field = (mismatch != null) ? field(mismatch) : "";
		if (mismatch == null || field.isEmpty()) {
			return badRequest(Map.of("error", "invalid_request", "message", "the body must be a JSON object"));
		}
		return badRequest(Map.of("error", "invalid_request", "field", field, "message",
				field + " must be " + expected(mismatch.getTargetType())));
	}

	private static ResponseEntity<Map<String, Object>> badRequest(Map<String, Object> body) {
		return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_JSON).body(body);
	}

	/** A value of the wrong JSON type, found in the cause chain. */
	private static @Nullable MismatchedInputException mismatch(Throwable ex) {
		for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
			if (cause instanceof MismatchedInputException mismatch) {
				return mismatch;
			}
		}
		return null;
	}

	/** Where the value was, as {@code faults[0]}; empty for the body itself. */
	private static String field(MismatchedInputException mismatch) {
		StringBuilder field = new StringBuilder();
		for (JacksonException.Reference reference : mismatch.getPath()) {
			if (reference.getPropertyName() != null) {
				field.append(field.isEmpty() ? "" : ".").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				field.append('[').append(reference.getIndex()).append(']');
			}
		}
		return field.toString();
	}

	/** What the field takes, in JSON's words. */
	private static String expected(@Nullable Class<?> type) {
		if (type == null) {
			return "of another JSON type";
		}
		if (CharSequence.class.isAssignableFrom(type) || type == char.class || type == Character.class) {
			return "a string";
		}
		if (type == boolean.class || type == Boolean.class) {
			return "true or false";
		}
		if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != void.class)) {
			return "a number";
		}
		if (Collection.class.isAssignableFrom(type) || type.isArray()) {
			return "an array";
		}
		return "a JSON object";
	}

	@ExceptionHandler(HttpMediaTypeNotSupportedException.class)
	ResponseEntity<Map<String, Object>> unsupportedMediaType(HttpMediaTypeNotSupportedException ex) {
		return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("error", "invalid_request", "message", "send Content-Type: application/json"));
	}

	// Before the provider is called, so nothing upstream failed: the client is over its
	// budget and may try again once the period resets.
	@ExceptionHandler(BudgetExceededException.class)
	ResponseEntity<Map<String, Object>> budgetExceeded(BudgetExceededException ex) {
		long retryAfter = Math.max(1, Duration.between(Instant.now(), ex.getResetsAt()).toSeconds());
		return ResponseEntity.status(this.providerFailures.status(ex))
			.header("Retry-After", Long.toString(retryAfter))
			.contentType(MediaType.APPLICATION_JSON)
			.body(this.providerFailures.body(ex));
	}

	@ExceptionHandler(RuntimeException.class)
	ResponseEntity<Map<String, Object>> providerFailure(RuntimeException ex) {
		HttpStatus status = this.providerFailures.status(ex);
		logger.warn("Model call failed: " + ex.getClass().getName());
		return ResponseEntity.status(status)
			.contentType(MediaType.APPLICATION_JSON)
			.body(this.providerFailures.body(ex));
	}

}
