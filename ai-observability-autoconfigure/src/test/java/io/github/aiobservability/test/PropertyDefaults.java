package io.github.aiobservability.test;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.net.URL;
import java.time.Duration;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The defaults of the starter's properties, read where they are declared, for fixtures
 * that run with the defaults without a Spring context. The configuration metadata the
 * processor generates names the class that holds each property; a new instance of that
 * class holds its default. The processor cannot compute a default built in code (the
 * bucket lists), so the instance, not the metadata's {@code defaultValue}, is read.
 */
public final class PropertyDefaults {

	private static final String METADATA = "META-INF/spring-configuration-metadata.json";

	private PropertyDefaults() {
	}

	/**
	 * The default of a property.
	 * @param property its name, such as {@code ai.observability.max-label-sets}
	 * @return what a new instance of its class holds
	 */
	public static Object of(String property) {
		String holder = sourceType(property);
		String local = property.substring(property.lastIndexOf('.') + 1);
		try {
			Class<?> type = Class.forName(holder, true, PropertyDefaults.class.getClassLoader());
			Constructor<?> constructor = type.getDeclaredConstructor();
			constructor.setAccessible(true);
			return getter(type, local).invoke(constructor.newInstance());
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("Cannot read the default of " + property + " from " + holder, ex);
		}
	}

	/**
	 * The default of a property that is a list of durations.
	 * @param property its name, such as {@code ai.observability.latency-buckets}
	 * @return a copy of the default list
	 */
	public static List<Duration> durations(String property) {
		List<?> values = (List<?>) of(property);
		return values.stream().map(Duration.class::cast).toList();
	}

	/**
	 * The starter's properties as the configuration metadata describes them.
	 * @return name to entry, for every {@code ai.observability.*} property
	 */
	static Map<String, JsonNode> metadata() {
		Map<String, JsonNode> properties = new TreeMap<>();
		try {
			Enumeration<URL> files = PropertyDefaults.class.getClassLoader().getResources(METADATA);
			ObjectMapper json = new ObjectMapper();
			while (files.hasMoreElements()) {
				try (InputStream in = files.nextElement().openStream()) {
					for (JsonNode entry : json.readTree(in).path("properties")) {
						if (entry.path("name").asString().startsWith("ai.observability.")) {
							properties.put(entry.path("name").asString(), entry);
						}
					}
				}
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read " + METADATA, ex);
		}
		return properties;
	}

	private static String sourceType(String property) {
		JsonNode entry = metadata().get(property);
		if (entry == null) {
			throw new IllegalStateException("No property " + property + " in any " + METADATA);
		}
		return entry.path("sourceType").asString();
	}

	/**
	 * {@code latency-buckets} to {@code getLatencyBuckets()}, as Boot binds a JavaBean.
	 */
	private static Method getter(Class<?> type, String kebab) throws NoSuchMethodException {
		StringBuilder name = new StringBuilder();
		for (String word : kebab.split("-")) {
			name.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
		}
		try {
			return type.getMethod("get" + name);
		}
		catch (NoSuchMethodException ex) {
			return type.getMethod("is" + name);
		}
	}

}
