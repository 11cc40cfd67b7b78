package io.github.aiobservability.test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The samples of one Prometheus text exposition, as scraped from
 * {@code /actuator/prometheus}, for asserting on exactly what Prometheus would store.
 */
public final class PrometheusScrape {

	private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)\\})?\\s+(\\S+).*$");

	private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

	private final String text;

	private final List<Sample> samples = new ArrayList<>();

	public PrometheusScrape(String text) {
		this.text = text;
		for (String line : text.split("\n")) {
			Matcher matcher = SAMPLE.matcher(line);
			if (!line.startsWith("#") && matcher.matches()) {
				Map<String, String> labels = new LinkedHashMap<>();
				if (matcher.group(3) != null) {
					Matcher label = LABEL.matcher(matcher.group(3));
					while (label.find()) {
						labels.put(label.group(1), label.group(2));
					}
				}
				this.samples.add(new Sample(matcher.group(1), labels, Double.parseDouble(matcher.group(4))));
			}
		}
	}

	/**
	 * Scrapes {@code /actuator/prometheus} of an application on this machine.
	 * @param port the application's port
	 * @return the scrape
	 */
	public static PrometheusScrape fetch(int port) {
		try {
			HttpResponse<String> response = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).build(),
						HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new IllegalStateException("Scrape answered " + response.statusCode() + ": " + response.body());
			}
			return new PrometheusScrape(response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Label pairs, the given ones followed by more.
	 * @param labels pairs of label name and value
	 * @param more further pairs
	 * @return all pairs
	 */
	public static String[] with(String[] labels, String... more) {
		String[] all = new String[labels.length + more.length];
		System.arraycopy(labels, 0, all, 0, labels.length);
		System.arraycopy(more, 0, all, labels.length, more.length);
		return all;
	}

	public String text() {
		return this.text;
	}

	/**
	 * Every sample of a metric whose labels include the given ones.
	 * @param name the sample name, such as {@code ai_api_requests_total}
	 * @param labels pairs of label name and value
	 * @return the matching samples
	 */
	public List<Sample> samples(String name, String... labels) {
		List<Sample> matching = new ArrayList<>();
		for (Sample sample : this.samples) {
			if (sample.name().equals(name) && sample.has(labels)) {
				matching.add(sample);
			}
		}
		return matching;
	}

	/**
	 * The sum of the matching samples' values, 0 when there is none.
	 * @param name the sample name
	 * @param labels pairs of label name and value
	 * @return the sum
	 */
	public double sum(String name, String... labels) {
		return samples(name, labels).stream().mapToDouble(Sample::value).sum();
	}

	/**
	 * One sample line.
	 *
	 * @param name its name
	 * @param labels its labels
	 * @param value its value
	 */
	public record Sample(String name, Map<String, String> labels, double value) {

		boolean has(String... pairs) {
			for (int i = 0; i < pairs.length; i += 2) {
				if (!pairs[i + 1].equals(this.labels.get(pairs[i]))) {
					return false;
				}
			}
			return true;
		}

	}

}
