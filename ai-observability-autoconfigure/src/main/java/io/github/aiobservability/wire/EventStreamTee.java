package io.github.aiobservability.wire;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * <p>
 * It also tells whether a stream was abandoned: closed by another thread than the one
 * reading it, before its end, as a consumer's cancel closes it. The read that then fails
 * is no failure of the provider's. Both threads can ask, since either may be the one that
 * reports the stream's end.
 */
public class EventStreamTee implements Interceptor {

	/** The stream each thread last read, or abandoned, through a tee. */
	private static final ThreadLocal<ReadState> lastTouched = new ThreadLocal<>();

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
	 * Whether the stream this thread last read, or abandoned, was abandoned. Answered
	 * {@code true} once per stream, on whichever thread asks first.
	 * @return {@code true} when the stream was closed by another thread than its reader
	 * before its end, and nobody asked yet
	 */
	static boolean takeAbandonedOnThisThread() {
		ReadState state = lastTouched.get();
		if (state == null) {
			return false;
		}
		lastTouched.remove();
		return state.abandoned.compareAndSet(true, false);
	}

	/**
	 * How a stream is read: by which thread, whether it ended (its provider's end or a
	 * failed read), and whether another thread closed it before that. Small, so that a
	 * thread holding the last one it touched holds no buffers.
	 */
	private static final class ReadState {

		private final AtomicBoolean abandoned = new AtomicBoolean();

		private volatile @Nullable Thread reader;

		private volatile boolean ended;

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

		private final ReadState state = new ReadState();

		private @Nullable EventSplitter splitter;

		TeeSource(Source delegate, EventSplitter splitter) {
			super(delegate);
			this.splitter = splitter;
		}

		@Override
		public long read(Buffer sink, long byteCount) throws IOException {
			Thread current = Thread.currentThread();
			if (this.state.reader != current) {
				// A volatile write, with its fence, only when the reader changes.
				this.state.reader = current;
			}
			lastTouched.set(this.state);
			long read;
			try {
				read = super.read(sink, byteCount);
			}
			catch (IOException | RuntimeException ex) {
				ended();
				throw ex;
			}
			if (read == -1) {
				ended();
			}
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

		/** Ended before any close: never abandoned, nothing for this thread to keep. */
		private void ended() {
			this.state.ended = true;
			lastTouched.remove();
		}

		@Override
		public void close() throws IOException {
			// Marked before the close that makes the reading thread's next read fail.
			Thread reader = this.state.reader;
			if (!this.state.ended && reader != null && reader != Thread.currentThread()) {
				this.state.abandoned.set(true);
				lastTouched.set(this.state);
			}
			super.close();
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
