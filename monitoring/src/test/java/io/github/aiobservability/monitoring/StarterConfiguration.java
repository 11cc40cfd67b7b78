package io.github.aiobservability.monitoring;

import java.beans.PropertyDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeanUtils;
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
			List<?> values = (List<?>) type.getMethod(getter.toString()).invoke(newInstance(type));
			return values.stream().map(Duration.class::cast).toList();
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("Cannot read the default of " + property + " from " + holder, ex);
		}
	}

	/**
	 * The properties of an element of a list property, such as those of an entry of
	 * {@code ai.observability.slos}, with their defaults. The configuration processor
	 * describes the list only, so they are read from a new instance of the element type
	 * the metadata names.
	 * @param property the list property, such as {@code ai.observability.slos}
	 * @return each property's name in kebab case, such as {@code threshold}, to its
	 * default ({@code null} when it has none)
	 */
	static Map<String, Object> elementDefaults(String property) {
		Object element = newInstance(elementType(property));
		Map<String, Object> defaults = new TreeMap<>();
		for (PropertyDescriptor descriptor : BeanUtils.getPropertyDescriptors(element.getClass())) {
			if (descriptor.getReadMethod() != null && descriptor.getWriteMethod() != null) {
				defaults.put(kebabCase(descriptor.getName()), read(descriptor, element));
			}
		}
		return defaults;
	}

	/**
	 * The values of an enum property of an element of a list property, as a method of the
	 * enum spells each: the name it binds from, or the label it exports.
	 * @param property the list property, such as {@code ai.observability.slos}
	 * @param element the enum property, such as {@code sli}
	 * @param spelling the method of the enum, {@code name} or {@code label}
	 * @return the values
	 */
	static List<String> elementEnumValues(String property, String element, String spelling) {
		Class<?> type = elementType(property);
		for (PropertyDescriptor descriptor : BeanUtils.getPropertyDescriptors(type)) {
			if (kebabCase(descriptor.getName()).equals(element) && descriptor.getPropertyType().isEnum()) {
				try {
					Method method = descriptor.getPropertyType().getMethod(spelling);
					List<String> values = new ArrayList<>();
					for (Object constant : descriptor.getPropertyType().getEnumConstants()) {
						values.add(String.valueOf(method.invoke(constant)));
					}
					return values;
				}
				catch (ReflectiveOperationException ex) {
					throw new IllegalStateException("Cannot read " + property + "[n]." + element, ex);
				}
			}
		}
		throw new IllegalStateException("No enum property " + element + " in " + type.getName());
	}

	private static Class<?> elementType(String property) {
		String type = require(property).path("type").asText();
		if (!type.startsWith("java.util.List<")) {
			throw new IllegalStateException(property + " is a " + type + ", not a list");
		}
		try {
			return Class.forName(type.substring("java.util.List<".length(), type.length() - 1));
		}
		catch (ClassNotFoundException ex) {
			throw new IllegalStateException("Cannot load the element type of " + property, ex);
		}
	}

	private static Object newInstance(Class<?> type) {
		try {
			Constructor<?> constructor = type.getDeclaredConstructor();
			constructor.setAccessible(true);
			return constructor.newInstance();
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("Cannot create a " + type.getName(), ex);
		}
	}

	private static @Nullable Object read(PropertyDescriptor descriptor, Object bean) {
		try {
			return descriptor.getReadMethod().invoke(bean);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("Cannot read " + descriptor.getName(), ex);
		}
	}

	private static String kebabCase(String name) {
		return name.replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
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
