package io.github.aiobservability.autoconfigure;

import java.util.Map;

import io.micrometer.core.instrument.Tags;

/**
 * The tags of {@code ai.observability.tags} as Micrometer tags, for the meters each
 * auto-configuration builds; the properties themselves hold data only.
 */
public final class StaticTags {

	private StaticTags() {
	}

	/**
	 * The static tags.
	 * @param properties the bound properties
	 * @return the tags of every ai_* meter
	 */
	public static Tags of(AiObservabilityProperties properties) {
		Tags tags = Tags.empty();
		for (Map.Entry<String, String> tag : properties.getTags().entrySet()) {
			tags = tags.and(tag.getKey(), tag.getValue());
		}
		return tags;
	}

}
