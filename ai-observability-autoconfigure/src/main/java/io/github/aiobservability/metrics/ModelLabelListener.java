package io.github.aiobservability.metrics;

/**
 * Told when a model label first appears on the per-call meters, for meters that exist per
 * model, such as the per-model alert thresholds. {@link ModelMetrics} calls every bean of
 * this type once per distinct model label, on the thread of the call that brought it and
 * only when that call registers meters: calls whose meters exist never reach it. The
 * labels are capped ({@code ai.observability.max-models}), so the calls are too; the
 * placeholders {@code unknown} and {@code other} are labels like any other.
 */
@FunctionalInterface
public interface ModelLabelListener {

	/**
	 * A model label appeared for the first time. An exception thrown here is logged and
	 * does not fail the call.
	 * @param model the model label, as the meters carry it
	 */
	void modelLabelAdded(String model);

}
