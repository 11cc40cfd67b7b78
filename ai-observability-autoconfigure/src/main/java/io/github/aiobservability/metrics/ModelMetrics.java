package io.github.aiobservability.metrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

import io.github.aiobservability.support.OneTimeLogger;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

/**
 * The meters of model calls, registered once per label set and then reused, so recording
 * a call costs a map lookup rather than a meter registration.
 * <p>
 * Every series of a meter carries the same label keys: the built-in ones, each declared
 * request tag (value {@code none} when a call has none) and the static tags. Prometheus
 * rejects a meter whose label keys differ between series.
 * <p>
 * Each label value is capped on its own, but their product is not: 100 models times two
 * tags of 100 values each is a million label sets. So the label sets themselves are
 * capped too. Past the cap a new combination keeps its model, provider and endpoint and
 * records its request tags as {@code other}; those overflow sets are bounded by the model
 * cap.
 * <p>
 * The first time a model label gets meters, each {@link ModelLabelListener} hears of it.
 */
public class ModelMetrics {

	// Per instance: each application context warns once, whatever ran before in the JVM.
	private final OneTimeLogger logger = new OneTimeLogger(ModelMetrics.class);

	private final MeterRegistry registry;

	private final Tags staticTags;

	private final List<String> requestTagKeys;

	/** The request tag values of a combination past the label-set cap. */
	private final List<String> overflowTagValues;

	private final LabelSetMeters.Buckets buckets;

	private final ConcurrentMap<SeriesKey, LabelSetMeters> series = new ConcurrentHashMap<>();

	private final ConcurrentMap<EndpointKey, AtomicLong> inFlight = new ConcurrentHashMap<>();

	private final ConcurrentMap<ModelKey, Counter> unpriced = new ConcurrentHashMap<>();

	private final ConcurrentMap<EndpointKey, AttemptMeters> attempts = new ConcurrentHashMap<>();

	private final ConcurrentMap<ModelKey, Timer> modelLoads = new ConcurrentHashMap<>();

	private final List<ModelLabelListener> listeners;

	/** The model labels the listeners heard of; as bounded as the model label. */
	private final Set<String> models = ConcurrentHashMap.newKeySet();

	private final int maxLabelSets;

	private final String maxLabelSetsProperty;

	/** Label sets admitted under the cap; overflow sets are not counted. */
	private volatile int admitted;

	/**
	 * Creates the metrics.
	 * @param registry where meters are registered
	 * @param staticTags tags of every meter
	 * @param requestTagKeys the declared request tag keys
	 * @param buckets the bucket boundaries of the histograms
	 * @param maxLabelSets the cap on distinct label sets before request tags fold into
	 * {@code other}
	 * @param maxLabelSetsProperty the property that sets the cap, named when it is
	 * reached
	 * @param listeners told of each model label the first time it gets meters
	 */
	public ModelMetrics(MeterRegistry registry, Tags staticTags, List<String> requestTagKeys, HistogramBuckets buckets,
			int maxLabelSets, String maxLabelSetsProperty, List<ModelLabelListener> listeners) {
		this.maxLabelSets = maxLabelSets;
		this.maxLabelSetsProperty = maxLabelSetsProperty;
		this.registry = registry;
		this.staticTags = staticTags;
		this.requestTagKeys = List.copyOf(requestTagKeys);
		this.overflowTagValues = Collections.nCopies(requestTagKeys.size(), AiMetricLabels.OTHER);
		this.buckets = new LabelSetMeters.Buckets(buckets);
		this.listeners = List.copyOf(listeners);
	}

	/**
	 * The meters for one label set, registered on first use.
	 * @param model the model label
	 * @param provider the provider label
	 * @param endpoint how the model was called
	 * @param requestTagValues one value per declared request tag key, in key order
	 * @return the meters
	 */
	public LabelSetMeters meters(String model, String provider, Endpoint endpoint, List<String> requestTagValues) {
		SeriesKey key = new SeriesKey(model, provider, endpoint, requestTagValues);
		LabelSetMeters meters = this.series.get(key);
		if (meters != null) {
			return meters;
		}
		// Past the cap, a flood of new combinations folds without taking the lock.
		return (this.admitted < this.maxLabelSets) ? admit(key) : overflow(key);
	}

	private LabelSetMeters admit(SeriesKey key) {
		synchronized (this.series) {
			LabelSetMeters meters = this.series.get(key);
			if (meters != null) {
				return meters;
			}
			if (this.admitted >= this.maxLabelSets) {
				return overflow(key);
			}
			// Counted before registering: a registry that fails part-way through a label
			// set must not leave more than the cap of partly registered sets behind.
			this.admitted++;
			meters = register(key);
			LabelSetMeters raced = this.series.putIfAbsent(key, meters);
			return (raced != null) ? raced : meters;
		}
	}

	private LabelSetMeters overflow(SeriesKey key) {
		if (this.requestTagKeys.isEmpty()) {
			// Nothing to fold: the model cap bounds these label sets.
			return unlimited(key);
		}
		this.logger.warn("label-sets", () -> "AI metrics reached their cap of " + this.maxLabelSets
				+ " distinct label sets; new combinations of request tags are recorded as '" + AiMetricLabels.OTHER
				+ "'. Raise " + this.maxLabelSetsProperty + " if these combinations are expected.");
		return unlimited(new SeriesKey(key.model(), key.provider(), key.endpoint(), this.overflowTagValues));
	}

	/**
	 * The meters of a label set outside the cap, registered on first use.
	 */
	private LabelSetMeters unlimited(SeriesKey key) {
		LabelSetMeters meters = this.series.get(key);
		return (meters != null) ? meters : this.series.computeIfAbsent(key, this::register);
	}

	/**
	 * The in-flight counter for one label set; it carries no request tags, so that a
	 * call's tags need not be known before it starts.
	 * @param model the model label
	 * @param provider the provider label
	 * @param endpoint how the model was called
	 * @return the counter behind the {@code ai_api_requests_in_flight} gauge
	 */
	public AtomicLong inFlight(String model, String provider, Endpoint endpoint) {
		EndpointKey key = new EndpointKey(model, provider, endpoint);
		AtomicLong counter = this.inFlight.get(key);
		return (counter != null) ? counter : this.inFlight.computeIfAbsent(key, this::registerInFlight);
	}

	private LabelSetMeters register(SeriesKey key) {
		List<Tag> tags = new ArrayList<>();
		tags.add(Tag.of(AiMetricLabels.MODEL, key.model()));
		tags.add(Tag.of(AiMetricLabels.PROVIDER, key.provider()));
		for (int i = 0; i < this.requestTagKeys.size(); i++) {
			tags.add(Tag.of(this.requestTagKeys.get(i), key.requestTagValues().get(i)));
		}
		Tags modelTags = Tags.of(tags).and(this.staticTags);
		LabelSetMeters meters = new LabelSetMeters(this.registry, modelTags, key.endpoint(),
				inFlight(key.model(), key.provider(), key.endpoint()), this.buckets);
		modelLabelAdded(key.model());
		return meters;
	}

	/**
	 * Tells the listeners of a model label new to them. Runs only where meters were just
	 * registered, never for a call whose meters exist.
	 */
	private void modelLabelAdded(String model) {
		if (this.listeners.isEmpty() || !this.models.add(model)) {
			return;
		}
		for (ModelLabelListener listener : this.listeners) {
			try {
				listener.modelLabelAdded(model);
			}
			catch (RuntimeException ex) {
				String name = listener.getClass().getName();
				this.logger.warn("listener:" + name,
						"ModelLabelListener " + name + " failed for model '" + model + "'; the call is recorded", ex);
			}
		}
	}

	/**
	 * Counts a round-trip of a model that has no price.
	 * @param model the model label
	 * @param provider the provider label
	 */
	public void countUnpriced(String model, String provider) {
		ModelKey key = new ModelKey(model, provider);
		Counter counter = this.unpriced.get(key);
		if (counter == null) {
			counter = this.unpriced.computeIfAbsent(key,
					(k) -> Counter.builder(AiMetricNames.UNPRICED_REQUESTS.value())
						.description("Round-trips of models with no price: their cost is not recorded")
						.tags(AiMetricLabels.MODEL, model, AiMetricLabels.PROVIDER, provider)
						.tags(this.staticTags)
						.register(this.registry));
		}
		counter.increment();
	}

	/**
	 * The model load times one model server reports, by model and provider, in the
	 * latency buckets: a warm model loads in milliseconds, a cold one in seconds.
	 * @param model the model label
	 * @param provider the provider label
	 * @return the timer behind {@code ai_api_model_load_duration_seconds}
	 */
	public Timer modelLoad(String model, String provider) {
		ModelKey key = new ModelKey(model, provider);
		Timer timer = this.modelLoads.get(key);
		return (timer != null) ? timer
				: this.modelLoads.computeIfAbsent(key, (k) -> Timer.builder(AiMetricNames.MODEL_LOAD_DURATION.value())
					.description("Time a local model server took to load the model for a call, as it reports it")
					.tags(AiMetricLabels.MODEL, model, AiMetricLabels.PROVIDER, provider)
					.tags(this.staticTags)
					.serviceLevelObjectives(this.buckets.latency())
					.register(this.registry));
	}

	/**
	 * The attempt counters of one label set; they carry no request tags, since an HTTP
	 * attempt is attributed to its round-trip's model, provider and endpoint only.
	 * @param model the model label
	 * @param provider the provider label
	 * @param endpoint how the model was called
	 * @return the counters behind {@code ai_api_attempts_total}
	 */
	public AttemptMeters attempts(String model, String provider, Endpoint endpoint) {
		EndpointKey key = new EndpointKey(model, provider, endpoint);
		AttemptMeters meters = this.attempts.get(key);
		return (meters != null) ? meters : this.attempts.computeIfAbsent(key,
				(k) -> new AttemptMeters(this.registry, Tags
					.of(AiMetricLabels.MODEL, k.model(), AiMetricLabels.PROVIDER, k.provider(), AiMetricLabels.ENDPOINT,
							k.endpoint().value())
					.and(this.staticTags)));
	}

	private AtomicLong registerInFlight(EndpointKey key) {
		AtomicLong counter = new AtomicLong();
		Gauge.builder(AiMetricNames.REQUESTS_IN_FLIGHT.value(), counter, AtomicLong::get)
			.description("Model round-trips started and not yet finished")
			.tags(AiMetricLabels.MODEL, key.model(), AiMetricLabels.PROVIDER, key.provider(), AiMetricLabels.ENDPOINT,
					key.endpoint().value())
			.tags(this.staticTags)
			.strongReference(true)
			.register(this.registry);
		modelLabelAdded(key.model());
		return counter;
	}

	private record SeriesKey(String model, String provider, Endpoint endpoint, List<String> requestTagValues) {
	}

	private record EndpointKey(String model, String provider, Endpoint endpoint) {
	}

	private record ModelKey(String model, String provider) {
	}

}
