package io.github.aiobservability.autoconfigure;

import java.util.ArrayList;
import java.util.List;

/**
 * A rule for the provider label: an entry of {@code ai.observability.providers}.
 */
public class ProviderProperties {

	/**
	 * Provider label of the calls this rule matches, for example deepseek.
	 */
	private String name = "";

	/**
	 * Model name patterns, '*' matching any characters, for example deepseek-*.
	 */
	private List<String> models = new ArrayList<>();

	/**
	 * Base URL patterns, '*' matching any characters, for example *api.deepseek.com*.
	 */
	private List<String> baseUrls = new ArrayList<>();

	/**
	 * Names of ChatModel beans whose calls get this provider, recognised by the base URL
	 * of each bean's default options.
	 */
	private List<String> chatModels = new ArrayList<>();

	public String getName() {
		return this.name;
	}

	public void setName(String name) {
		this.name = name;
	}

	public List<String> getModels() {
		return this.models;
	}

	public void setModels(List<String> models) {
		this.models = models;
	}

	public List<String> getBaseUrls() {
		return this.baseUrls;
	}

	public void setBaseUrls(List<String> baseUrls) {
		this.baseUrls = baseUrls;
	}

	public List<String> getChatModels() {
		return this.chatModels;
	}

	public void setChatModels(List<String> chatModels) {
		this.chatModels = chatModels;
	}

}
