package io.github.aiobservability.sample.traffic;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.github.aiobservability.sample.SampleMode;
import io.github.aiobservability.sample.chat.ChatRequest;
import io.github.aiobservability.sample.chat.ChatService;
import io.github.aiobservability.sample.chat.ProviderChatClients;
import io.github.aiobservability.sample.mock.MockProviderProperties;
import io.github.aiobservability.sample.retrieval.Retriever;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Sends the sample a steady mix of calls (models of every provider that is on: OpenAI's
 * protocol, Gemini, Ollama; tenants; sync and streaming, some with retrieval) so its
 * metrics fill within a minute of start. It embeds the built-in documents once at start,
 * for the calls with retrieval. It runs on the embedded provider only: demo traffic must
 * never spend a real API key's money.
 */
@Component
public class DemoTrafficGenerator implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(DemoTrafficGenerator.class);

	private static final String[] QUESTIONS = { "How do I keep LLM costs under control?",
			"Why would a model call return 429?", "What is time to first token?",
			"Summarise the benefits of prompt caching.", "Which latency percentile should I alert on?" };

	private final DemoTrafficProperties properties;

	private final ChatService chatService;

	private final Retriever retriever;

	private final List<String> models;

	private final boolean embedded;

	private final AtomicLong sent = new AtomicLong();

	private volatile ScheduledExecutorService scheduler;

	private volatile ThreadPoolExecutor callers;

	public DemoTrafficGenerator(DemoTrafficProperties properties, ChatService chatService, Retriever retriever,
			SampleMode mode, MockProviderProperties mockProvider, ProviderChatClients clients) {
		this.properties = properties;
		this.chatService = chatService;
		this.retriever = retriever;
		// The models of the providers that are on: Gemini's and Ollama's have a switch
		// each.
		List<String> models = properties.getModels().isEmpty() ? new ArrayList<>(mockProvider.getModels().keySet())
				: properties.getModels();
		this.models = models.stream().filter((model) -> clients.isEnabled(clients.providerOf(model))).toList();
		this.embedded = mode.isEmbedded();
	}

	@Override
	public void start() {
		if (!this.properties.isEnabled() || !this.embedded || this.models.isEmpty()) {
			logger.info("Demo traffic is off" + (this.embedded ? "" : ": the sample talks to a real provider"));
			return;
		}
		long periodMicros = Math.max(1000, Math.round(1_000_000 / this.properties.getRequestsPerSecond()));
		// A bounded queue: when calls pile up (say every call is slow), ticks are dropped
		// instead of queueing without end.
		this.callers = new ThreadPoolExecutor(4, 16, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(32));
		if (this.properties.getRagRatio() > 0) {
			this.callers.execute(this::embedDocuments);
		}
		this.scheduler = Executors.newSingleThreadScheduledExecutor();
		this.scheduler.scheduleAtFixedRate(this::sendOne, 0, periodMicros, TimeUnit.MICROSECONDS);
		logger.info("Demo traffic: " + this.properties.getRequestsPerSecond() + " calls/s over models " + this.models
				+ " and tenants " + this.properties.getTenants() + ", "
				+ Math.round(this.properties.getRagRatio() * 100) + " % with retrieval");
	}

	/**
	 * How many calls were sent so far.
	 * @return the count
	 */
	public long sent() {
		return this.sent.get();
	}

	private void sendOne() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		String model = this.models.get(random.nextInt(this.models.size()));
		List<String> tenants = this.properties.getTenants();
		String tenant = tenants.isEmpty() ? null : tenants.get(random.nextInt(tenants.size()));
		boolean rag = random.nextDouble() < this.properties.getRagRatio();
		ChatRequest request = new ChatRequest(QUESTIONS[random.nextInt(QUESTIONS.length)], model, tenant, rag);
		boolean stream = random.nextDouble() < this.properties.getStreamRatio();
		try {
			this.callers.execute(() -> call(request, stream));
			this.sent.incrementAndGet();
		}
		catch (RejectedExecutionException ex) {
			// Every caller is busy: skip this tick.
		}
	}

	private void embedDocuments() {
		try {
			this.retriever.index();
		}
		catch (RuntimeException ex) {
			// An injected fault: the first call with retrieval embeds them again.
		}
	}

	private void call(ChatRequest request, boolean stream) {
		try {
			if (stream) {
				this.chatService.stream(request).blockLast();
			}
			else {
				this.chatService.chat(request);
			}
		}
		catch (RuntimeException ex) {
			// Injected faults are the point of the demo; the metrics record them.
		}
	}

	@Override
	public void stop() {
		if (this.scheduler != null) {
			this.scheduler.shutdownNow();
			this.callers.shutdownNow();
			this.scheduler = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.scheduler != null;
	}

}
