package io.github.aiobservability.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * IDEs complete and document properties from the metadata the configuration processor
 * generates: every property must be there, with a description.
 */
class ConfigurationMetadataTests {

	@Test
	void everyPropertyHasGeneratedMetadataWithADescription() throws IOException {
		Map<String, JsonNode> properties = new HashMap<>();
		try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			assertThat(in).as("generated metadata").isNotNull();
			for (JsonNode property : new ObjectMapper().readTree(in).path("properties")) {
				properties.put(property.path("name").asText(), property);
			}
		}

		assertThat(properties).containsKeys("ai.observability.enabled", "ai.observability.tags",
				"ai.observability.request-tags", "ai.observability.max-tag-values", "ai.observability.max-models",
				"ai.observability.max-label-sets", "ai.observability.latency-buckets",
				"ai.observability.time-to-first-token-enabled", "ai.observability.time-to-first-token-buckets",
				"ai.observability.providers", "ai.observability.local-providers",
				"ai.observability.thresholds.latency-p99", "ai.observability.thresholds.models");
		assertThat(properties.values()).allSatisfy(
				(property) -> assertThat(property.path("description").asText()).as(property.path("name").asText())
					.isNotBlank());
		assertThat(properties.get("ai.observability.enabled").path("description").asText()).startsWith("Whether");
	}

}
