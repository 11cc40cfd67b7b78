package io.github.aiobservability.benchmarks;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.openai.core.ObjectMappers;
import com.openai.models.chat.completions.ChatCompletionChunk;
import io.github.aiobservability.chat.StreamChunksAdvisor;
import io.github.aiobservability.openai.OpenAiStreamReader;
import io.github.aiobservability.test.StarterFixture;
import io.github.aiobservability.wire.EventStreamTee;
import io.github.aiobservability.wire.WireStreams;
import io.micrometer.core.instrument.Clock;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import okhttp3.Call;
import okhttp3.Connection;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import reactor.core.publisher.Flux;

import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.client.advisor.api.StreamAdvisor;
import org.springframework.ai.chat.client.advisor.api.StreamAdvisorChain;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.Prompt;

/**
 * The starter's own work per stream chunk, apart from what Spring AI's advisor chain and
 * the SDK do anyway: 200 chunks through the {@link StreamChunksAdvisor}, against the same
 * chunks straight from the chain; and a 200-chunk OpenAI stream's bytes, as real ones
 * look (id, model, fingerprint, a role chunk, text deltas, the usage chunk), read line by
 * line as the SDK reads them, through the starter's {@link EventStreamTee} and its
 * {@link OpenAiStreamReader} (taken back by id at the end, as a round-trip does), against
 * the same bytes read without it, and for a stream ten times as long, which tells what
 * the tee allocates per stream from what it allocates per chunk; what the SDK then does
 * with each chunk (parse it into its model) is measured for scale. Scores are per chunk.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(1)
public class StreamChunkBenchmark {

	private static final int CHUNKS = 200;

	private static final int LONG_CHUNKS = 2000;

	private static final JsonMapper SDK_JSON = ObjectMappers.jsonMapper();

	private final List<ChatClientResponse> chunks = new ArrayList<>();

	private final ChatClientRequest request = ChatClientRequest.builder().prompt(new Prompt("hi")).build();

	private final StreamChunksAdvisor advisor = new StreamChunksAdvisor(Clock.SYSTEM, StarterFixture.usageReader());

	private final StreamAdvisorChain chain = new StreamAdvisorChain() {

		@Override
		public Flux<ChatClientResponse> nextStream(ChatClientRequest request) {
			return Flux.fromIterable(StreamChunkBenchmark.this.chunks);
		}

		@Override
		public List<StreamAdvisor> getStreamAdvisors() {
			return List.of();
		}

		@Override
		public StreamAdvisorChain copy(StreamAdvisor after) {
			return this;
		}

	};

	private Observation observation;

	private final Buffer openAiStream = new Buffer();

	private final Buffer longOpenAiStream = new Buffer();

	private final WireStreams wireStreams = new WireStreams();

	private final EventStreamTee tee = new EventStreamTee(
			(request) -> new OpenAiStreamReader(this.wireStreams, Clock.SYSTEM));

	@Setup
	public void setUp() {
		for (int i = 0; i < CHUNKS; i++) {
			DefaultUsage usage = (i == CHUNKS - 1) ? new DefaultUsage(120, CHUNKS) : new DefaultUsage(0, 0);
			ChatResponse response = new ChatResponse(List.of(new Generation(new AssistantMessage("word "))),
					ChatResponseMetadata.builder().model("gpt-4o-mini").usage(usage).build());
			this.chunks.add(ChatClientResponse.builder().chatResponse(response).context(Map.of()).build());
		}
		this.openAiStream.writeUtf8(openAiStream("chatcmpl-bench", CHUNKS));
		this.longOpenAiStream.writeUtf8(openAiStream("chatcmpl-bench", LONG_CHUNKS));
		// The advisor works only under an observation, as Spring AI's chain gives it one.
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler((context) -> true);
		this.observation = Observation.start("advisor", registry);
	}

	@Benchmark
	@OperationsPerInvocation(CHUNKS)
	public ChatClientResponse chainAlone() {
		return this.chain.nextStream(this.request)
			.contextWrite((ctx) -> ctx.put(ObservationThreadLocalAccessor.KEY, this.observation))
			.blockLast();
	}

	@Benchmark
	@OperationsPerInvocation(CHUNKS)
	public ChatClientResponse throughTheAdvisor() {
		return this.advisor.adviseStream(this.request, this.chain)
			.contextWrite((ctx) -> ctx.put(ObservationThreadLocalAccessor.KEY, this.observation))
			.blockLast();
	}

	@Benchmark
	@OperationsPerInvocation(CHUNKS)
	public long sdkReadsTheWireAlone() throws IOException {
		return readLines(body(this.openAiStream.clone()).source());
	}

	@Benchmark
	@OperationsPerInvocation(CHUNKS)
	public long sdkReadsTheWireThroughTheTee() throws IOException {
		return readThroughTheTee(this.openAiStream);
	}

	// The same with ten times the chunks: what the tee allocates per stream, not per
	// chunk, shows as a tenth of the difference per chunk.
	@Benchmark
	@OperationsPerInvocation(LONG_CHUNKS)
	public long sdkReadsALongWireAlone() throws IOException {
		return readLines(body(this.longOpenAiStream.clone()).source());
	}

	@Benchmark
	@OperationsPerInvocation(LONG_CHUNKS)
	public long sdkReadsALongWireThroughTheTee() throws IOException {
		return readThroughTheTee(this.longOpenAiStream);
	}

	// What the SDK does with each chunk it read, for scale: parse it into its model.
	@Benchmark
	@OperationsPerInvocation(CHUNKS)
	public long sdkParsesTheWire() throws IOException {
		BufferedSource source = body(this.openAiStream.clone()).source();
		long choices = 0;
		String line;
		while ((line = source.readUtf8Line()) != null) {
			if (line.startsWith("data: {")) {
				choices += SDK_JSON.readValue(line.substring(6), ChatCompletionChunk.class).choices().size();
			}
		}
		return choices;
	}

	private long readThroughTheTee(Buffer stream) throws IOException {
		Response response = this.tee.intercept(new PreparedChain(body(stream.clone())));
		long lines = readLines(response.body().source());
		if (this.wireStreams.take(null, "chatcmpl-bench") == null) {
			throw new IllegalStateException("the tee did not read the stream");
		}
		return lines;
	}

	/**
	 * Reads a body line by line, as the OpenAI SDK's server-sent events reader does.
	 */
	private static long readLines(BufferedSource source) throws IOException {
		long length = 0;
		String line;
		while ((line = source.readUtf8Line()) != null) {
			length += line.length();
		}
		return length;
	}

	private static ResponseBody body(Buffer bytes) {
		return ResponseBody.create(bytes, MediaType.get("text/event-stream"), bytes.size());
	}

	private static String openAiStream(String id, int chunks) {
		String head = "data: {\"id\":\"" + id + "\",\"object\":\"chat.completion.chunk\",\"created\":1733400000,"
				+ "\"model\":\"gpt-4o-mini-2024-07-18\",\"system_fingerprint\":\"fp_0ba0d124f1\",\"choices\":[";
		StringBuilder stream = new StringBuilder();
		stream.append(head)
			.append("{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"logprobs\":null,")
			.append("\"finish_reason\":null}],\"usage\":null}\n\n");
		for (int i = 1; i < chunks - 1; i++) {
			stream.append(head)
				.append("{\"index\":0,\"delta\":{\"content\":\" word\"},\"logprobs\":null,\"finish_reason\":null}],")
				.append("\"usage\":null}\n\n");
		}
		stream.append(head)
			.append("],\"usage\":{\"prompt_tokens\":1200,\"completion_tokens\":198,")
			.append("\"total_tokens\":1398,\"prompt_tokens_details\":{\"cached_tokens\":1024},")
			.append("\"completion_tokens_details\":{\"reasoning_tokens\":0}}}\n\n");
		return stream.append("data: [DONE]\n\n").toString();
	}

	/**
	 * The rest of an OkHttp chain, answering with a body already read off the network.
	 */
	private static final class PreparedChain implements Interceptor.Chain {

		private final Request request = new Request.Builder().url("http://localhost/v1/chat/completions").build();

		private final ResponseBody body;

		PreparedChain(ResponseBody body) {
			this.body = body;
		}

		@Override
		public Request request() {
			return this.request;
		}

		@Override
		public Response proceed(Request request) {
			return new Response.Builder().request(request)
				.protocol(Protocol.HTTP_1_1)
				.code(200)
				.message("OK")
				.body(this.body)
				.build();
		}

		@Override
		public Connection connection() {
			return null;
		}

		@Override
		public Call call() {
			throw new UnsupportedOperationException();
		}

		@Override
		public int connectTimeoutMillis() {
			return 0;
		}

		@Override
		public Interceptor.Chain withConnectTimeout(int timeout, TimeUnit unit) {
			return this;
		}

		@Override
		public int readTimeoutMillis() {
			return 0;
		}

		@Override
		public Interceptor.Chain withReadTimeout(int timeout, TimeUnit unit) {
			return this;
		}

		@Override
		public int writeTimeoutMillis() {
			return 0;
		}

		@Override
		public Interceptor.Chain withWriteTimeout(int timeout, TimeUnit unit) {
			return this;
		}

	}

}
