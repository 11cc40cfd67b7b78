package io.github.aiobservability.monitoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Grafana dashboard and the docker-compose stack, checked for what breaks them for
 * users: hard-coded data source uids, unknown metrics, unpinned images, a default
 * password.
 */
class DashboardAndComposeTests {

	/** The metric contract of the starter, as the README documents it. */
	private static final Set<String> METRICS = Set.of("ai_api_requests_total", "ai_api_request_duration_seconds_bucket",
			"ai_api_time_to_first_token_seconds_bucket", "ai_token_usage_input_total", "ai_token_usage_output_total",
			"ai_token_usage_estimated_total", "ai_token_usage_cache_read_total", "ai_token_usage_cache_write_total",
			"ai_token_usage_reasoning_total", "ai_api_requests_in_flight", "ai_api_cost_total",
			"ai_api_unpriced_requests_total", "ai_api_threshold");

	private static final Pattern METRIC = Pattern.compile("\\b(ai_[a-z_]+)\\{");

	private final JsonNode dashboard = read();

	@Test
	void hasAStableUidAndTheVariablesUsersFilterBy() {
		assertThat(this.dashboard.path("uid").asText()).isEqualTo("ai-api-observability");
		List<String> variables = new ArrayList<>();
		this.dashboard.path("templating").path("list").forEach((variable) -> variables.add(variable.path("name").asText()));

		assertThat(variables).containsExactly("datasource", "job", "instance", "model", "provider", "tenant");
	}

	@Test
	void everyPanelUsesTheDatasourceVariableAndSetsAUnit() {
		assertThat(panels()).isNotEmpty().allSatisfy((panel) -> {
			String title = panel.path("title").asText();
			assertThat(panel.path("datasource").path("uid").asText()).as(title).isEqualTo("${datasource}");
			assertThat(panel.path("fieldConfig").path("defaults").path("unit").asText()).as(title).isNotBlank();
			panel.path("targets").forEach((target) -> assertThat(target.path("datasource").path("uid").asText())
				.as(title)
				.isEqualTo("${datasource}"));
		});
	}

	@Test
	void queriesOnlyMetricsOfTheContract() {
		assertThat(expressions()).allSatisfy((expr) -> {
			Matcher matcher = METRIC.matcher(expr);
			while (matcher.find()) {
				assertThat(METRICS).as(expr).contains(matcher.group(1));
			}
		});
	}

	@Test
	void showsCostsAsIncreasesNeverTheRawCounter() {
		assertThat(expressions()).filteredOn((expr) -> expr.contains("ai_api_cost_total"))
			.isNotEmpty()
			.allSatisfy((expr) -> assertThat(expr).contains("increase(ai_api_cost_total"));
	}

	@Test
	void composePinsItsImagesAndHasNoDefaultGrafanaPassword() {
		Map<String, Object> compose = MonitoringFiles.yaml(MonitoringFiles.COMPOSE);
		Map<String, Object> services = map(compose.get("services"));

		assertThat(services).containsKeys("sample-app", "prometheus", "alertmanager", "grafana");
		services.forEach((name, service) -> {
			Object image = map(service).get("image");
			if (image != null) {
				assertThat((String) image).as(name).matches(".+:v?[0-9][0-9.]*").doesNotEndWith(":latest");
			}
		});
		Map<String, Object> grafana = map(map(services.get("grafana")).get("environment"));
		assertThat((String) grafana.get("GF_SECURITY_ADMIN_PASSWORD")).startsWith("${GRAFANA_ADMIN_PASSWORD:?");
	}

	/**
	 * Every query of the dashboard, for the end-to-end test too.
	 * @return the PromQL expressions
	 */
	static List<String> expressions() {
		List<String> expressions = new ArrayList<>();
		for (JsonNode panel : panels(read())) {
			panel.path("targets").forEach((target) -> expressions.add(target.path("expr").asText()));
		}
		return expressions;
	}

	/**
	 * The panels with queries, with their titles.
	 * @return title to expressions
	 */
	static Map<String, List<String>> queriesByPanel() {
		Map<String, List<String>> queries = new java.util.LinkedHashMap<>();
		for (JsonNode panel : panels(read())) {
			List<String> expressions = new ArrayList<>();
			panel.path("targets").forEach((target) -> expressions.add(target.path("expr").asText()));
			queries.put(panel.path("title").asText(), expressions);
		}
		return queries;
	}

	private List<JsonNode> panels() {
		return panels(this.dashboard);
	}

	private static List<JsonNode> panels(JsonNode dashboard) {
		List<JsonNode> panels = new ArrayList<>();
		dashboard.path("panels").forEach((panel) -> {
			if (!"row".equals(panel.path("type").asText())) {
				panels.add(panel);
			}
		});
		return panels;
	}

	private static JsonNode read() {
		try {
			return new ObjectMapper().readTree(MonitoringFiles.DASHBOARD.toFile());
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		return (Map<String, Object>) value;
	}

}
