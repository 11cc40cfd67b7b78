package io.github.aiobservability.wire;

import java.io.IOException;
import java.util.function.Function;

import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import okio.ForwardingSource;
import okio.Okio;
import okio.Source;
import org.jspecify.annotations.Nullable;

/**
 * An OkHttp interceptor that hands each event of a successful {@code text/event-stream}
 * response to a {@link StreamEventReader} as the client reads it. The bytes pass through
 * unchanged and unbuffered: the tee looks at what the client has just read, never reads
 * ahead. Its own failure never reaches the stream: it stops looking.
 * <p>
 * Per event it copies the event's bytes into one reused array (up to 64 KB; a larger
 * event is skipped) and allocates nothing.
 */
public class EventStreamTee implements Interceptor {

	private final Function<Request, @Nullable StreamEventReader> readers;

	/**
	 * Creates the tee.
	 * @param readers a new reader for each stream, given its request; {@code null} to
	 * leave that stream alone
	 */
	public EventStreamTee(Function<Request, @Nullable StreamEventReader> readers) {
		this.readers = readers;
	}

	@Override
	public Response intercept(Chain chain) throws IOException {
		Response response = chain.proceed(chain.request());
		ResponseBody body = response.body();
		MediaType type = (body != null) ? body.contentType() : null;
		if (!response.isSuccessful() || body == null || type == null || !"event-stream".equals(type.subtype())) {
			return response;
		}
		StreamEventReader reader = this.readers.apply(chain.request());
		if (reader == null) {
			return response;
		}
		return response.newBuilder().body(new TeedBody(body, EventSplitter.serverSentEvents(reader))).build();
	}

	/**
	 * The response body, read through a source that shows the splitter what was read.
	 */
	private static final class TeedBody extends ResponseBody {

		private final ResponseBody body;

		private final BufferedSource source;

		TeedBody(ResponseBody body, EventSplitter splitter) {
			this.body = body;
			this.source = Okio.buffer(new TeeSource(body.source(), splitter));
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

	private static final class TeeSource extends ForwardingSource {

		private final Buffer.UnsafeCursor cursor = new Buffer.UnsafeCursor();

		private @Nullable EventSplitter splitter;

		TeeSource(Source delegate, EventSplitter splitter) {
			super(delegate);
			this.splitter = splitter;
		}

		@Override
		public long read(Buffer sink, long byteCount) throws IOException {
			long read = super.read(sink, byteCount);
			EventSplitter splitter = this.splitter;
			if (splitter != null && read > 0) {
				try {
					show(sink, sink.size() - read, read, splitter);
				}
				catch (RuntimeException ex) {
					// The tee's failure, never the stream's: the caller's stream matters
					// more than its timings.
					this.splitter = null;
				}
			}
			return read;
		}

		/**
		 * Shows the splitter the bytes just read, straight from the buffer's segments.
		 */
		private void show(Buffer sink, long offset, long count, EventSplitter splitter) {
			try (Buffer.UnsafeCursor cursor = sink.readUnsafe(this.cursor)) {
				long remaining = count;
				int available = cursor.seek(offset);
				while (remaining > 0 && available > 0) {
					int length = (int) Math.min(available, remaining);
					splitter.accept(cursor.data, cursor.start, length);
					remaining -= length;
					available = (remaining > 0) ? cursor.next() : 0;
				}
			}
		}

	}

}
