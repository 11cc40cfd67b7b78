package io.github.aiobservability.metrics;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.CompletionException;

import com.google.genai.errors.ApiException;
import com.google.genai.errors.ClientException;
import com.google.genai.errors.ServerException;
import com.openai.core.http.Headers;
import com.openai.errors.InternalServerException;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.RateLimitException;
import com.openai.errors.UnauthorizedException;
import org.junit.jupiter.api.Test;

import org.springframework.ai.retry.NonTransientAiException;
import org.springframework.ai.retry.TransientAiException;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorClassifierTests {

	private final ErrorClassifier classifier = new ErrorClassifier();

	@Test
	void readsTheStatusCodeOfOpenAiSdkExceptions() {
		assertThat(this.classifier.classify(RateLimitException.builder().headers(noHeaders()).build()))
			.isEqualTo(CallOutcome.RATE_LIMITED);
		assertThat(this.classifier.classify(UnauthorizedException.builder().headers(noHeaders()).build()))
			.isEqualTo(CallOutcome.UNAUTHORIZED);
		assertThat(this.classifier
			.classify(InternalServerException.builder().statusCode(503).headers(noHeaders()).build()))
			.isEqualTo(CallOutcome.SERVER_ERROR);
	}

	@Test
	void unwrapsTheCompletionExceptionOfAFailedStream() {
		CompletionException streamed = new CompletionException(
				RateLimitException.builder().headers(noHeaders()).build());

		assertThat(this.classifier.classify(streamed)).isEqualTo(CallOutcome.RATE_LIMITED);
	}

	@Test
	void readsTheCodeOfGoogleGenAiExceptionsUnderSpringAisWrapper() {
		// What Spring AI's GoogleGenAiChatModel throws for a call or a stream that
		// failed.
		assertThat(this.classifier.classify(new RuntimeException("Failed to generate content",
				new ClientException(429, "", "Resource has been exhausted (e.g. check quota)."))))
			.isEqualTo(CallOutcome.RATE_LIMITED);
		assertThat(this.classifier.classify(new RuntimeException("Failed to generate content",
				new ServerException(503, "Service Unavailable", "The model is overloaded. Please try again later."))))
			.isEqualTo(CallOutcome.SERVER_ERROR);
		assertThat(this.classifier.classify(new ClientException(401, "Unauthorized", "API key not valid.")))
			.isEqualTo(CallOutcome.UNAUTHORIZED);
		// A mid-stream error event: its code comes from the event's body.
		assertThat(this.classifier.classify(new ApiException(500, "INTERNAL", "An internal error has occurred.")))
			.isEqualTo(CallOutcome.SERVER_ERROR);
	}

	@Test
	void readsCodeOnlyFromGoogleGenAiExceptions() {
		assertThat(this.classifier.classify(new CodedException(429))).isEqualTo(CallOutcome.OTHER);
	}

	@Test
	void readsTheStatusOfSpringRestClientExceptions() {
		assertThat(this.classifier
			.classify(HttpClientErrorException.create(HttpStatus.FORBIDDEN, "Forbidden", null, null, null)))
			.isEqualTo(CallOutcome.FORBIDDEN);
		assertThat(this.classifier
			.classify(HttpClientErrorException.create(HttpStatus.NOT_FOUND, "Not Found", null, null, null)))
			.isEqualTo(CallOutcome.CLIENT_ERROR);
		assertThat(this.classifier
			.classify(HttpServerErrorException.create(HttpStatus.BAD_GATEWAY, "Bad Gateway", null, null, null)))
			.isEqualTo(CallOutcome.SERVER_ERROR);
	}

	@Test
	void readsTheStatusSpringAiRestClientModelsPutInTheMessage() {
		assertThat(this.classifier.classify(new TransientAiException("HTTP 429 - {\"error\":\"slow down\"}")))
			.isEqualTo(CallOutcome.RATE_LIMITED);
		assertThat(this.classifier.classify(new NonTransientAiException("HTTP 401 - invalid api key")))
			.isEqualTo(CallOutcome.UNAUTHORIZED);
		assertThat(this.classifier.classify(new TransientAiException("HTTP 503 - overloaded")))
			.isEqualTo(CallOutcome.SERVER_ERROR);
	}

	@Test
	void ignoresStatusLikeTextInMessagesOfOtherExceptions() {
		assertThat(this.classifier.classify(new IllegalStateException("HTTP 429 - looks like a status")))
			.isEqualTo(CallOutcome.OTHER);
	}

	@Test
	void recognisesTimeoutsWrappedInIoFailures() {
		assertThat(this.classifier
			.classify(new OpenAIIoException("Request failed", new InterruptedIOException("timeout"))))
			.isEqualTo(CallOutcome.TIMEOUT);
		assertThat(this.classifier.classify(new ResourceAccessException("I/O error", new SocketTimeoutException())))
			.isEqualTo(CallOutcome.TIMEOUT);
		assertThat(this.classifier.classify(new HttpTimeoutException("request timed out")))
			.isEqualTo(CallOutcome.TIMEOUT);
	}

	@Test
	void recognisesNetworkFailures() {
		assertThat(this.classifier.classify(new OpenAIIoException("Request failed", new ConnectException("refused"))))
			.isEqualTo(CallOutcome.NETWORK);
		assertThat(this.classifier.classify(new OpenAIIoException("Request failed"))).isEqualTo(CallOutcome.NETWORK);
	}

	@Test
	void treatsAnInterruptAsOtherThanATimeout() {
		assertThat(this.classifier.classify(new InterruptedIOException("interrupted"))).isEqualTo(CallOutcome.NETWORK);
	}

	@Test
	void treatsAnUnparsableResponseAsOtherThoughJacksonThrowsAnIoException() {
		com.fasterxml.jackson.core.JsonParseException parse = new com.fasterxml.jackson.core.JsonParseException(null,
				"Unexpected end-of-input");

		assertThat(this.classifier.classify(new OpenAIIoException("Request failed", parse)))
			.isEqualTo(CallOutcome.OTHER);
	}

	@Test
	void classifiesTheUnknownAsOther() {
		assertThat(this.classifier.classify(new IllegalArgumentException("bad"))).isEqualTo(CallOutcome.OTHER);
	}

	@Test
	void stopsOnACyclicCauseChain() {
		CyclicException first = new CyclicException();
		CyclicException second = new CyclicException();
		first.cause = second;
		second.cause = first;

		assertThat(this.classifier.classify(first)).isEqualTo(CallOutcome.OTHER);
	}

	private static Headers noHeaders() {
		return Headers.builder().build();
	}

	static class CyclicException extends RuntimeException {

		Throwable cause;

		@Override
		public synchronized Throwable getCause() {
			return this.cause;
		}

	}

	/**
	 * An exception of another library whose {@code code()} is not an HTTP status.
	 */
	static final class CodedException extends RuntimeException {

		private final int code;

		CodedException(int code) {
			this.code = code;
		}

		public int code() {
			return this.code;
		}

	}

}
