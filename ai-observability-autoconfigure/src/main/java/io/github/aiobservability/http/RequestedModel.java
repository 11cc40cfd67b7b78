package io.github.aiobservability.http;

import java.io.IOException;
import java.io.InputStream;

import okhttp3.RequestBody;
import okio.Buffer;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Reads the top-level {@code model} of a JSON request body, as both the OpenAI and the
 * Anthropic APIs carry it. Only for attempts that cannot be told apart otherwise: the
 * body is copied and scanned, a cost proportional to the prompt.
 */
final class RequestedModel {

	/** Bodies larger than this are not read. */
	private static final long MAX_BODY_BYTES = 8L * 1024 * 1024;

	private static final JsonFactory json = new JsonFactory();

	private RequestedModel() {
	}

	/**
	 * The model a request body names.
	 * @param body the body, or {@code null}
	 * @return the model, or {@code null} when the body cannot be read without consuming
	 * it, is not JSON, or names none
	 */
	static @Nullable String of(@Nullable RequestBody body) {
		try {
			if (body == null || body.isOneShot() || body.isDuplex() || body.contentLength() > MAX_BODY_BYTES) {
				return null;
			}
			// Okio's segments are pooled: the copy costs little beyond the scan.
			try (Buffer buffer = new Buffer()) {
				body.writeTo(buffer);
				return modelOf(buffer.inputStream());
			}
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}

	static @Nullable String modelOf(InputStream body) {
		try (JsonParser parser = json.createParser(ObjectReadContext.empty(), body)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				return null;
			}
			for (JsonToken token = parser.nextToken(); token == JsonToken.PROPERTY_NAME; token = parser.nextToken()) {
				String name = parser.currentName();
				JsonToken value = parser.nextToken();
				if ("model".equals(name) && value == JsonToken.VALUE_STRING) {
					return parser.getString();
				}
				parser.skipChildren();
			}
			return null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

}
