package io.github.aiobservability.model;

import java.util.List;
import java.util.function.Supplier;

import io.github.aiobservability.cost.CostCalculator;
import io.github.aiobservability.cost.TokenPrices;
import io.github.aiobservability.metrics.ModelMetrics;
import io.github.aiobservability.metrics.TokenUsage;
import io.github.aiobservability.support.OneTimeLogger;
import org.jspecify.annotations.Nullable;

import org.springframework.util.function.SingletonSupplier;

/**
 * Prices round-trips and records what they cost: {@code ai_api_cost_total} for a priced
 * one, told to every {@link CostListener} as well, or the unpriced count and one warning
 * per model for one without a price. An application that records no cost has no cost
 * recorder.
 */
public class CostRecorder {

	// Per instance: each application context warns once, whatever ran before in the JVM.
	private final OneTimeLogger logger = new OneTimeLogger(CostRecorder.class);

	private final CostCalculator calculator;

	private final ModelMetrics metrics;

	private final Supplier<List<CostListener>> listeners;

	private final String pricesProperty;

	private final String currency;

	/**
	 * Creates the recorder.
	 * @param calculator prices round-trips
	 * @param metrics counts the round-trips of models with no price
	 * @param pricesProperty the property that prices a model, named when one has no price
	 * @param listeners told of each priced round-trip's cost; asked for them once, at the
	 * first priced round-trip, as a listener may need beans (a Redis connection) that
	 * need the observation registry this recorder's handlers are registered with
	 */
	public CostRecorder(CostCalculator calculator, ModelMetrics metrics, String pricesProperty,
			Supplier<? extends List<CostListener>> listeners) {
		this.calculator = calculator;
		this.metrics = metrics;
		this.pricesProperty = pricesProperty;
		this.listeners = SingletonSupplier.of(() -> List.copyOf(listeners.get()));
		this.currency = calculator.currency();
	}

	/**
	 * A round-trip starts: its label set gets its cost series, at zero, if it has none.
	 * @param roundTrip the round-trip
	 */
	void started(RoundTrip roundTrip) {
		roundTrip.meters().recordCost(this.currency, 0);
	}

	/**
	 * Records what a round-trip cost.
	 * @param roundTrip the round-trip
	 * @param model the model name it is priced by: the requested one, else the one the
	 * response names; {@code null} when neither named one
	 * @param usage its tokens
	 */
	void record(RoundTrip roundTrip, @Nullable String model, TokenUsage usage) {
		TokenPrices prices = (model != null) ? this.calculator.prices(model, roundTrip.provider()) : null;
		if (prices == null) {
			unpriced(roundTrip, model);
			return;
		}
		double cost = prices.cost(usage);
		roundTrip.meters().recordCost(this.currency, cost);
		for (CostListener listener : this.listeners.get()) {
			try {
				listener.costRecorded(roundTrip.requestTagValues(), cost);
			}
			catch (RuntimeException ex) {
				String name = listener.getClass().getName();
				this.logger.warn("listener:" + name, "CostListener " + name + " failed", ex);
			}
		}
	}

	private void unpriced(RoundTrip roundTrip, @Nullable String model) {
		String provider = roundTrip.provider();
		this.metrics.countUnpriced(roundTrip.model(), provider);
		// Keyed by the capped label, so a flood of model names logs a bounded number of
		// lines; the message is built only when it is logged.
		this.logger.warn("unpriced:" + roundTrip.model(),
				() -> "Model '" + model + "' (provider " + provider
						+ ") has no price, so its cost is not recorded: set " + this.pricesProperty
						+ " with its input and output price per million tokens");
	}

}
