package io.github.aiobservability.cost;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.core.io.ResourceLoader;

/**
 * Loads a price list from its location and reads it again every refresh interval, on a
 * thread of its own: the network never holds up startup nor a call. A list on the network
 * is first read in the background (calls are priced from the bundled catalogue until it
 * arrives); a file or classpath resource is read at startup.
 * <p>
 * A list is applied whole or not at all ({@link PriceList}). When a load fails or the
 * list is rejected, the prices stay as they were (the last good list, or the bundled
 * catalogue), the failure is counted, one warning is logged per run of failures, and the
 * next attempt comes after the refresh interval or {@link #RETRY_AFTER_FAILURE},
 * whichever is sooner. A list that prices fewer than half the models of the last good one
 * is taken for a truncated publication and rejected.
 */
public class PriceListRefresher implements SmartLifecycle {

	/** The longest wait before a failed load is tried again. */
	public static final Duration RETRY_AFTER_FAILURE = Duration.ofMinutes(5);

	/** The largest list read, about forty times LiteLLM's. */
	private static final int MAX_BYTES = 64 * 1024 * 1024;

	private static final Log logger = LogFactory.getLog(PriceListRefresher.class);

	private final PriceListLocation location;

	private final @Nullable Duration refreshInterval;

	private final Duration timeout;

	private final PriceResolver resolver;

	private final List<ModelPrice> reference;

	private final ExchangeRates rates;

	private final ResourceLoader resourceLoader;

	private final Clock clock;

	private final AtomicLong failures = new AtomicLong();

	private final Object refreshLock = new Object();

	private volatile int models;

	private volatile double loadedEpochSeconds = Double.NaN;

	private volatile double lastRefreshSuccessful = Double.NaN;

	private @Nullable String etag;

	private boolean failing;

	private volatile @Nullable ScheduledExecutorService executor;

	private volatile @Nullable HttpClient httpClient;

	/**
	 * Creates a refresher.
	 * @param location where the list is
	 * @param refreshInterval how often to read it again, {@code null} to read it once
	 * @param timeout how long one read over the network may take
	 * @param resolver where the prices go
	 * @param reference the bundled catalogue's prices, to reject absurd ones
	 * @param rates to compare prices in different currencies
	 * @param resourceLoader reads {@code classpath:} and {@code file:} locations
	 * @param clock for the load time
	 */
	public PriceListRefresher(PriceListLocation location, @Nullable Duration refreshInterval, Duration timeout,
			PriceResolver resolver, List<ModelPrice> reference, ExchangeRates rates, ResourceLoader resourceLoader,
			Clock clock) {
		this.location = location;
		this.refreshInterval = refreshInterval;
		this.timeout = timeout;
		this.resolver = resolver;
		this.reference = reference;
		this.rates = rates;
		this.resourceLoader = resourceLoader;
		this.clock = clock;
	}

	/**
	 * The location shown in labels and logs.
	 * @return the location without secrets
	 */
	public String source() {
		return this.location.display();
	}

	/**
	 * How many models the loaded list prices.
	 * @return 0 before a list was loaded
	 */
	public int models() {
		return this.models;
	}

	/**
	 * When the list was last read whole, an unchanged one included.
	 * @return seconds since the epoch, NaN before the first time
	 */
	public double loadedEpochSeconds() {
		return this.loadedEpochSeconds;
	}

	/**
	 * Whether the last load succeeded.
	 * @return 1 or 0, NaN before the first load ended
	 */
	public double lastRefreshSuccessful() {
		return this.lastRefreshSuccessful;
	}

	/**
	 * Loads that failed or were rejected.
	 * @return their count
	 */
	public long failures() {
		return this.failures.get();
	}

	@Override
	public synchronized void start() {
		if (this.executor != null) {
			return;
		}
		ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "ai-observability-price-list");
			thread.setDaemon(true);
			return thread;
		});
		this.executor = executor;
		if (this.location.remote()) {
			this.httpClient = HttpClient.newBuilder()
				.connectTimeout(this.timeout)
				.followRedirects(HttpClient.Redirect.NORMAL)
				.build();
			executor.execute(this::refreshAndReschedule);
		}
		else {
			refresh();
			scheduleNext(executor);
		}
	}

	@Override
	public synchronized void stop() {
		if (this.executor != null) {
			this.executor.shutdownNow();
			this.executor = null;
		}
		this.httpClient = null;
	}

	@Override
	public synchronized boolean isRunning() {
		return this.executor != null;
	}

	private void refreshAndReschedule() {
		refresh();
		ScheduledExecutorService executor = this.executor;
		if (executor != null) {
			scheduleNext(executor);
		}
	}

	private void scheduleNext(ScheduledExecutorService executor) {
		Duration interval = this.refreshInterval;
		if (interval == null) {
			return;
		}
		Duration delay = (this.failing && RETRY_AFTER_FAILURE.compareTo(interval) < 0) ? RETRY_AFTER_FAILURE : interval;
		try {
			executor.schedule(this::refreshAndReschedule, delay.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (RuntimeException ex) {
			// Shut down while scheduling: the application is stopping.
		}
	}

	/**
	 * Reads the list once and applies it if it is whole and believable.
	 */
	void refresh() {
		synchronized (this.refreshLock) {
			refreshOnce();
		}
	}

	private void refreshOnce() {
		try {
			Fetched fetched = fetch();
			if (fetched != null) {
				apply(fetched);
			}
			this.loadedEpochSeconds = this.clock.millis() / 1000.0;
			this.lastRefreshSuccessful = 1;
			if (this.failing) {
				this.failing = false;
				logger.info("The price list " + source() + " loads again: " + this.models + " models priced from it");
			}
		}
		catch (Exception ex) {
			if (ex instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
			this.failures.incrementAndGet();
			this.lastRefreshSuccessful = 0;
			if (!this.failing) {
				this.failing = true;
				logger.warn("Could not load the price list " + source() + " (" + reason(ex) + "); "
						+ ((this.models > 0) ? "keeping the " + this.models + " prices it gave last"
								: "pricing from the bundled catalogue")
						+ " until it loads. Further failures are counted in ai_api_price_catalogue_refresh_failures_total");
			}
			else if (logger.isDebugEnabled()) {
				logger.debug("The price list " + source() + " still fails to load: " + reason(ex));
			}
		}
	}

	private void apply(Fetched fetched) {
		PriceList list = PriceList.parse(fetched.body(), "price list " + source());
		list.checkAgainst(this.reference, this.rates);
		int count = list.prices().size();
		if (count * 2 < this.models) {
			throw new IllegalStateException("it prices " + count + " models where the last good list priced "
					+ this.models + ": taken for a truncated list");
		}
		this.resolver.useLoaded(list.prices());
		boolean first = this.models == 0;
		this.models = count;
		this.etag = fetched.etag();
		if (first) {
			logger.info("Pricing " + count + " models from the price list " + source()
					+ " (then the bundled catalogue for the rest)");
		}
		else {
			logger.info("Price list " + source() + " changed: " + count + " models priced from it");
		}
	}

	private @Nullable Fetched fetch() throws IOException, InterruptedException {
		if (!this.location.remote()) {
			try (InputStream in = this.resourceLoader.getResource(this.location.value()).getInputStream()) {
				return new Fetched(read(in), null);
			}
		}
		HttpClient client = this.httpClient;
		if (client == null) {
			throw new IOException("stopped");
		}
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.location.value()))
			.timeout(this.timeout)
			.header("Accept", "application/json")
			.header("User-Agent", "ai-observability");
		if (this.etag != null && this.models > 0) {
			request.header("If-None-Match", this.etag);
		}
		HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
		try (InputStream body = response.body()) {
			if (response.statusCode() == 304) {
				return null;
			}
			if (response.statusCode() != 200) {
				throw new IOException("HTTP " + response.statusCode());
			}
			return new Fetched(read(body), response.headers().firstValue("ETag").orElse(null));
		}
	}

	private static byte[] read(InputStream in) throws IOException {
		byte[] body = in.readNBytes(MAX_BYTES + 1);
		if (body.length > MAX_BYTES) {
			throw new IOException("larger than " + MAX_BYTES + " bytes");
		}
		return body;
	}

	private static String reason(Exception ex) {
		String message = ex.getMessage();
		if (ex instanceof IllegalStateException && message != null) {
			return "rejected: " + message;
		}
		return ex.getClass().getSimpleName() + ((message != null) ? ": " + message : "");
	}

	private record Fetched(byte[] body, @Nullable String etag) {
	}

}
