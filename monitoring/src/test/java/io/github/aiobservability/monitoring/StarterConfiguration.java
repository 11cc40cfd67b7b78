package io.github.aiobservability.monitoring;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.math.BigDecimal;
import java.net.URL;
import java.time.Duration;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.boot.convert.DurationStyle;

/**
 * The properties of the starter and their defaults, read from the configuration metadata
 * its jar ships (what IDEs complete from), never from classes named here.
 */
final class StarterConfiguration {

	static final String PREFIX = "ai.observability.";

	static final String THRESHOLDS = PREFIX + "thresholds.";

	private static final String METADATA = "META-INF/spring-configuration-metadata.json";

	private static final Map<String, JsonNode> PROPERTIES = load();

	private StarterConfiguration() {
	}

	/**
	 * The thresholds the starter exports as {@code ai_api_threshold{name}}: every
	 * {@code ai.observability.thresholds.*} property with a single value, with its
	 * default.
	 * @return property name to default, a duration in seconds
	 */
	static Map<String, BigDecimal> thresholdDefaults() {
		Map<String, BigDecimal> defaults = new TreeMap<>();
		PROPERTIES.forEach((name, property) -> {
			if (name.startsWith(THRESHOLDS) && !name.substring(THRESHOLDS.length()).contains(".")
					&& !isCollection(property)) {
				defaults.put(name, number(name));
			}
		});
		return defaults;
	}

	/**
	 * The {@code ai_api_threshold} name of a threshold property: the property in snake
	 * case, a duration with {@code _seconds} (exported in seconds).
	 * @param property its name, such as {@code ai.observability.thresholds.latency-p99}
	 * @return its name label, such as {@code latency_p99_seconds}
	 */
	static String thresholdName(String property) {
		String name = property.substring(THRESHOLDS.length()).replace('-', '_');
		return isDuration(require(property)) ? name + "_seconds" : name;
	}

	/**
	 * The metadata's default of a property with a number or a duration.
	 * @param property its name
	 * @return the number, a duration in seconds
	 */
	static BigDecimal number(String property) {
		JsonNode entry = require(property);
		JsonNode value = entry.path("defaultValue");
		if (value.isMissingNode() || value.isNull()) {
			throw new IllegalStateException(property + " has no default in " + METADATA);
		}
		return isDuration(entry) ? seconds(DurationStyle.detectAndParse(value.asText()))
				: new BigDecimal(value.asText());
	}

	/**
	 * The default of a property that is a list of durations. The configuration processor
	 * cannot compute a list built in code, so it is read where the metadata says the
	 * property is declared: from a new instance of that class.
	 * @param property its name, such as {@code ai.observability.latency-buckets}
	 * @return the default list
	 */
	static List<Duration> durations(String property) {
		String holder = require(property).path("sourceType").asText();
		StringBuilder getter = new StringBuilder("get");
		for (String word : property.substring(property.lastIndexOf('.') + 1).split("-")) {
			getter.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
		}
		try {
			Class<?> type = Class.forName(holder);
			Constructor<?> constructor = type.getDeclaredConstructor();
			constructor.setAccessible(true);
			List<?> values = (List<?>) type.getMethod(getter.toString()).invoke(constructor.newInstance());
			return values.stream().map(Duration.class::cast).toList();
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("Cannot read the default of " + property + " from " + holder, ex);
		}
	}

	/**
	 * A duration in seconds, as Prometheus and the rules have it.
	 * @param duration the duration
	 * @return its seconds, without trailing zeros
	 */
	static BigDecimal seconds(Duration duration) {
		return BigDecimal.valueOf(duration.toNanos(), 9).stripTrailingZeros();
	}

	private static JsonNode require(String property) {
		JsonNode entry = PROPERTIES.get(property);
		if (entry == null) {
			throw new IllegalStateException("No property " + property + " in the starter's " + METADATA);
		}
		return entry;
	}

	private static boolean isDuration(JsonNode property) {
		return "java.time.Duration".equals(property.path("type").asText());
	}

	private static boolean isCollection(JsonNode property) {
		String type = property.path("type").asText();
		return type.startsWith("java.util.List") || type.startsWith("java.util.Map");
	}

	/**
	 * The starter's properties, from every metadata file on the class path that declares
	 * some (Spring Boot's and Spring AI's declare others).
	 */
	private static Map<String, JsonNode> load() {
		Map<String, JsonNode> properties = new TreeMap<>();
		try {
			Enumeration<URL> files = StarterConfiguration.class.getClassLoader().getResources(METADATA);
			ObjectMapper json = new ObjectMapper();
			while (files.hasMoreElements()) {
				try (InputStream in = files.nextElement().openStream()) {
					for (JsonNode property : json.readTree(in).path("properties")) {
						String name = property.path("name").asText();
						if (name.startsWith(PREFIX)) {
							properties.put(name, property);
						}
					}
				}
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read " + METADATA, ex);
		}
		if (properties.isEmpty()) {
			throw new IllegalStateException("No " + PREFIX + "* property in any " + METADATA + " of the class path");
		}
		return properties;
	}

}
