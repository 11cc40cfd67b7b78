package io.github.aiobservability.sample.traffic;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Demo traffic the sample sends itself on its embedded provider.
 */
@ConfigurationProperties("sample.demo-traffic")
public class DemoTrafficProperties {

	/**
	 * Whether to send demo traffic. It is sent only on the embedded provider, never to a
	 * real one.
	 */
	private boolean enabled = true;

	/**
	 * Calls started per second.
	 */
	private double requestsPerSecond = 2;

	/**
	 * Fraction of calls that stream.
	 */
	private double streamRatio = 0.3;

	/**
	 * Fraction of calls that first retrieve the built-in document nearest to the
	 * question, with an embedding call, and put it in the prompt.
	 */
	private double ragRatio = 0.3;

	/**
	 * Tenants the calls are made for.
	 */
	private List<String> tenants = new ArrayList<>(List.of("acme", "globex", "initech"));

	/**
	 * Models the calls ask for; empty asks the embedded provider's models.
	 */
	private List<String> models = new ArrayList<>();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public double getRequestsPerSecond() {
		return this.requestsPerSecond;
	}

	public void setRequestsPerSecond(double requestsPerSecond) {
		this.requestsPerSecond = requestsPerSecond;
	}

	public double getStreamRatio() {
		return this.streamRatio;
	}

	public void setStreamRatio(double streamRatio) {
		this.streamRatio = streamRatio;
	}

	public double getRagRatio() {
		return this.ragRatio;
	}

	public void setRagRatio(double ragRatio) {
		this.ragRatio = ragRatio;
	}

	public List<String> getTenants() {
		return this.tenants;
	}

	public void setTenants(List<String> tenants) {
		this.tenants = tenants;
	}

	public List<String> getModels() {
		return this.models;
	}

	public void setModels(List<String> models) {
		this.models = models;
	}

}
