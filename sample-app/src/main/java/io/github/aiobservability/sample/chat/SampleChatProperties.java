package io.github.aiobservability.sample.chat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Limits of the sample's chat API.
 */
@ConfigurationProperties("sample.chat")
public class SampleChatProperties {

	/**
	 * Models a request may ask for; empty allows any model.
	 */
	private List<String> models = new ArrayList<>();

	/**
	 * Longest message accepted, in characters.
	 */
	private int maxMessageLength = 4000;

	/**
	 * Timeout of each attempt of a model call: the client retries an attempt that timed
	 * out, as it does a 429 or a 5xx.
	 */
	private Duration timeout = Duration.ofSeconds(10);

	public List<String> getModels() {
		return this.models;
	}

	public void setModels(List<String> models) {
		this.models = models;
	}

	public int getMaxMessageLength() {
		return this.maxMessageLength;
	}

	public void setMaxMessageLength(int maxMessageLength) {
		this.maxMessageLength = maxMessageLength;
	}

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

}
