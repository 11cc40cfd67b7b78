package io.github.aiobservability.monitoring;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
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
 * password, sample instances that do not share their budgets or are not scraped, an
 * Alertmanager pair that is not one cluster or that Prometheus does not send to.
 */
class DashboardAndComposeTests {

	private static final Pattern METRIC = Pattern.compile("\\b(ai_[a-z_]+)\\{");

	/** A recording rule's name, level:metric:operation. */
	private static final Pattern RECORDING = Pattern.compile("\\b([a-z_]+:[a-z0-9_]+:[a-z0-9_]+)\\b");

	private final JsonNode dashboard = read();

	@Test
	void hasAStableUidAndTheVariablesUsersFilterBy() {
		assertThat(this.dashboard.path("uid").asText()).isEqualTo("ai-api-observability");
		List<String> variables = new ArrayList<>();
		this.dashboard.path("templating")
			.path("list")
			.forEach((variable) -> variables.add(variable.path("name").asText()));

		assertThat(variables).containsExactly("datasource", "job", "instance", "model", "provider", "tenant");
	}

	@Test
	void givesEveryPanelItsOwnId() {
		java.util.Set<Integer> ids = new java.util.HashSet<>();
		for (JsonNode panel : this.dashboard.path("panels")) {
			assertThat(ids.add(panel.path("id").asInt())).as("id of panel '%s'", panel.path("title").asText()).isTrue();
		}
	}

	@Test
	void everyPanelUsesTheDatasourceVariableAndSetsAUnit() {
		assertThat(panels()).isNotEmpty().allSatisfy((panel) -> {
			String title = panel.path("title").asText();
			assertThat(panel.path("datasource").path("uid").asText()).as(title).isEqualTo("${datasource}");
			assertThat(panel.path("fieldConfig").path("defaults").path("unit").asText()).as(title).isNotBlank();
			panel.path("targets")
				.forEach((target) -> assertThat(target.path("datasource").path("uid").asText()).as(title)
					.isEqualTo("${datasource}"));
		});
	}

	@Test
	void queriesOnlyMetricsOfTheContract() {
		assertThat(expressions()).allSatisfy((expr) -> {
			Matcher matcher = METRIC.matcher(expr);
			while (matcher.find()) {
				assertThat(StarterMetrics.EXPORTED).as(expr).contains(matcher.group(1));
			}
		});
	}

	@Test
	void queriesOnlyRecordingRulesTheRulesRecord() {
		Set<String> recorded = new HashSet<>();
		for (Path file : MonitoringFiles.ruleFiles()) {
			for (Object group : (List<?>) MonitoringFiles.yaml(file).get("groups")) {
				for (Object rule : (List<?>) map(group).get("rules")) {
					if (map(rule).containsKey("record")) {
						recorded.add((String) map(rule).get("record"));
					}
				}
			}
		}
		List<String> used = new ArrayList<>();
		expressions().forEach((expr) -> {
			Matcher matcher = RECORDING.matcher(expr);
			while (matcher.find()) {
				used.add(matcher.group(1));
			}
		});

		assertThat(used).as("the dashboard reads recording rules").isNotEmpty();
		assertThat(recorded).containsAll(used);
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

		assertThat(services).containsKeys("sample-app", "sample-app-2", "redis", "prometheus", "alertmanager",
				"grafana");
		services.forEach((name, service) -> {
			Object image = map(service).get("image");
			if (image != null) {
				assertThat((String) image).as(name).matches(".+:v?[0-9][0-9.]*").doesNotEndWith(":latest");
			}
		});
		Map<String, Object> grafana = map(map(services.get("grafana")).get("environment"));
		assertThat((String) grafana.get("GF_SECURITY_ADMIN_PASSWORD")).startsWith("${GRAFANA_ADMIN_PASSWORD:?");
	}

	@Test
	void composeRunsTwoSamplesSharingTheirBudgetsThroughRedisAndPrometheusScrapesBoth() {
		Map<String, Object> services = map(MonitoringFiles.yaml(MonitoringFiles.COMPOSE).get("services"));
		List<String> hostPorts = new ArrayList<>();
		for (String name : List.of("sample-app", "sample-app-2")) {
			Map<String, Object> sample = map(services.get(name));
			assertThat(map(sample.get("environment"))).as(name).containsEntry("REDIS_URL", "redis://redis:6379");
			assertThat(list(sample.get("depends_on"))).as(name).contains("redis");
			list(sample.get("ports")).forEach((port) -> hostPorts.add(String.valueOf(port).split(":")[0]));
		}
		assertThat(hostPorts).doesNotHaveDuplicates();
		assertThat(list(map(services.get("prometheus")).get("depends_on"))).contains("sample-app", "sample-app-2");

		List<Object> targets = new ArrayList<>();
		for (Object job : list(MonitoringFiles.yaml(MonitoringFiles.PROMETHEUS_CONFIG).get("scrape_configs"))) {
			if ("ai-app".equals(map(job).get("job_name"))) {
				for (Object config : list(map(job).get("static_configs"))) {
					targets.addAll(list(map(config).get("targets")));
				}
			}
		}
		assertThat(targets).containsExactlyInAnyOrder("sample-app:8080", "sample-app-2:8080");
	}

	@Test
	void composeRunsTwoClusteredAlertmanagersAndPrometheusSendsToBoth() {
		Map<String, Object> services = map(MonitoringFiles.yaml(MonitoringFiles.COMPOSE).get("services"));
		List<String> names = List.of("alertmanager", "alertmanager-2");
		List<String> hostPorts = new ArrayList<>();
		for (String name : names) {
			Map<String, Object> alertmanager = map(services.get(name));
			String peer = names.get(1 - names.indexOf(name));
			assertThat(list(alertmanager.get("command"))).as(name)
				.contains("--cluster.listen-address=0.0.0.0:9094", "--cluster.peer=" + peer + ":9094")
				.anyMatch((argument) -> String.valueOf(argument).startsWith("--config.file="));
			assertThat(alertmanager.get("image")).as(name).isEqualTo(map(services.get("alertmanager")).get("image"));
			list(alertmanager.get("ports")).forEach((port) -> hostPorts.add(String.valueOf(port).split(":")[0]));
		}
		assertThat(hostPorts).doesNotHaveDuplicates();
		assertThat(list(map(services.get("prometheus")).get("depends_on"))).containsAll(names);

		List<Object> targets = new ArrayList<>();
		for (Object alerting : list(
				map(MonitoringFiles.yaml(MonitoringFiles.PROMETHEUS_CONFIG).get("alerting")).get("alertmanagers"))) {
			for (Object config : list(map(alerting).get("static_configs"))) {
				targets.addAll(list(map(config).get("targets")));
			}
		}
		assertThat(targets).as("every alert goes to both").containsExactly("alertmanager:9093", "alertmanager-2:9093");
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

	@SuppressWarnings("unchecked")
	private static List<Object> list(Object value) {
		return (List<Object>) value;
	}

}
