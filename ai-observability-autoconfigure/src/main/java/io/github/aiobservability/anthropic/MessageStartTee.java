package io.github.aiobservability.anthropic;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import okio.ByteString;
import okio.ForwardingSource;
import okio.Okio;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An OkHttp interceptor for Anthropic's client that reads the {@code message_start} event
 * of each stream as the SDK reads it, and hands its cache counts to
 * {@link MessageStartUsage}. The bytes pass through unchanged; only the first event is
 * looked at, after which the stream is not touched.
 */
public class MessageStartTee implements Interceptor {

	/** A first event larger than this is not read. */
	private static final int MAX_FIRST_EVENT_BYTES = 64 * 1024;

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final ByteString EVENT_END = ByteString.encodeUtf8("\n\n");

	private static final ByteString CRLF_EVENT_END = ByteString.encodeUtf8("\r\n\r\n");

	private final MessageStartUsage usage;

	public MessageStartTee(MessageStartUsage usage) {
		this.usage = usage;
	}

	@Override
	public Response intercept(Chain chain) throws IOException {
		Response response = chain.proceed(chain.request());
		ResponseBody body = response.body();
		MediaType type = (body != null) ? body.contentType() : null;
		if (!response.isSuccessful() || body == null || type == null || !"event-stream".equals(type.subtype())) {
			return response;
		}
		return response.newBuilder().body(new TeedBody(body)).build();
	}

	private static long firstOf(long lf, long crlf) {
		return (lf < 0) ? crlf : (crlf < 0) ? lf : Math.min(lf, crlf);
	}

	private void firstEvent(String event) {
		for (String line : event.split("\r?\n")) {
			if (line.startsWith("data:")) {
				JsonNode data = json.readTree(line.substring("data:".length()).trim());
				JsonNode message = data.path("message");
				if ("message_start".equals(data.path("type").asString("")) && message.hasNonNull("id")) {
					JsonNode counts = message.path("usage");
					this.usage.remember(message.path("id").asString(), counts.path("cache_read_input_tokens").asLong(0),
							counts.path("cache_creation_input_tokens").asLong(0));
				}
			}
		}
	}

	/**
	 * The response body, read through a source that copies bytes until the first event is
	 * complete.
	 */
	private final class TeedBody extends ResponseBody {

		private final ResponseBody body;

		private final BufferedSource source;

		TeedBody(ResponseBody body) {
			this.body = body;
			this.source = Okio.buffer(new FirstEventSource(body.source()));
		}

		@Override
		public @Nullable MediaType contentType() {
			return this.body.contentType();
		}

		@Override
		public long contentLength() {
			return this.body.contentLength();
		}

		@Override
		public BufferedSource source() {
			return this.source;
		}

	}

	private final class FirstEventSource extends ForwardingSource {

		private @Nullable Buffer firstEvent = new Buffer();

		FirstEventSource(okio.Source delegate) {
			super(delegate);
		}

		@Override
		public long read(Buffer sink, long byteCount) throws IOException {
			long read = super.read(sink, byteCount);
			Buffer copy = this.firstEvent;
			if (copy != null && read > 0) {
				try {
					sink.copyTo(copy, sink.size() - read, read);
					inspect(copy);
				}
				catch (IOException | RuntimeException ex) {
					// Our copy's failure, never the stream's: the caller's stream matters
					// more than its cache counts.
					this.firstEvent = null;
				}
			}
			return read;
		}

		private void inspect(Buffer copy) throws IOException {
			// Only bytes are searched until the event is complete; it is decoded once.
			long end = firstOf(copy.indexOf(EVENT_END), copy.indexOf(CRLF_EVENT_END));
			if (end < 0) {
				if (copy.size() > MAX_FIRST_EVENT_BYTES) {
					this.firstEvent = null;
					copy.clear();
				}
				return;
			}
			this.firstEvent = null;
			String event = copy.readString(end, StandardCharsets.UTF_8);
			copy.clear();
			firstEvent(event);
		}

	}

}
