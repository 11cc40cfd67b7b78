package io.github.aiobservability.autoconfigure.cost;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

/**
 * The price of a model, per million tokens: an entry of {@code ai.observability.prices}.
 */
public class PriceProperties {

	/**
	 * Model name, or a pattern with '*' for any characters and '?' for one.
	 */
	private String model = "";

	/**
	 * Price of a million uncached input tokens.
	 */
	private @Nullable BigDecimal input;

	/**
	 * Price of a million output tokens, reasoning tokens included.
	 */
	private @Nullable BigDecimal output;

	/**
	 * Price of a million input tokens read from the prompt cache; unset charges them as
	 * input.
	 */
	private @Nullable BigDecimal cacheRead;

	/**
	 * Price of a million input tokens written to the prompt cache; unset charges them as
	 * input.
	 */
	private @Nullable BigDecimal cacheWrite;

	/**
	 * Price of a million reasoning tokens where billed apart from the rest of the output;
	 * unset charges them as output.
	 */
	private @Nullable BigDecimal reasoning;

	/**
	 * ISO 4217 code of the currency of these prices; unset means the configured currency.
	 */
	private @Nullable String currency;

	public String getModel() {
		return this.model;
	}

	public void setModel(String model) {
		this.model = model;
	}

	public @Nullable BigDecimal getInput() {
		return this.input;
	}

	public void setInput(@Nullable BigDecimal input) {
		this.input = input;
	}

	public @Nullable BigDecimal getOutput() {
		return this.output;
	}

	public void setOutput(@Nullable BigDecimal output) {
		this.output = output;
	}

	public @Nullable BigDecimal getCacheRead() {
		return this.cacheRead;
	}

	public void setCacheRead(@Nullable BigDecimal cacheRead) {
		this.cacheRead = cacheRead;
	}

	public @Nullable BigDecimal getCacheWrite() {
		return this.cacheWrite;
	}

	public void setCacheWrite(@Nullable BigDecimal cacheWrite) {
		this.cacheWrite = cacheWrite;
	}

	public @Nullable BigDecimal getReasoning() {
		return this.reasoning;
	}

	public void setReasoning(@Nullable BigDecimal reasoning) {
		this.reasoning = reasoning;
	}

	public @Nullable String getCurrency() {
		return this.currency;
	}

	public void setCurrency(@Nullable String currency) {
		this.currency = currency;
	}

}
