package io.github.aiobservability.monitoring;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.yaml.snakeyaml.Yaml;

/**
 * Paths of the monitoring bundle, read by the tests the way Prometheus, Alertmanager and
 * Grafana read them.
 */
final class MonitoringFiles {

	/** Surefire runs the tests in the module's folder: {@code monitoring/}. */
	static final Path ROOT = Path.of("").toAbsolutePath();

	static final Path PROMETHEUS_CONFIG = ROOT.resolve("prometheus/prometheus.yml");

	static final Path RULES = ROOT.resolve("prometheus/rules");

	static final Path RULE_TESTS = ROOT.resolve("prometheus/tests");

	static final Path ALERTMANAGER_CONFIG = ROOT.resolve("alertmanager/alertmanager.yml");

	static final Path DASHBOARD = ROOT.resolve("grafana/dashboards/ai-api.json");

	static final Path COMPOSE = ROOT.resolve("docker-compose.yml");

	static final Path README = ROOT.resolve("README.md");

	/** The starter's README, one folder up: its metrics, defaults and label values. */
	static final Path STARTER_README = ROOT.resolveSibling("README.md");

	static final Path RUN_LOCAL = ROOT.resolve("run-local.sh");

	/**
	 * The metric contract of the starter, as the README documents it: the only metrics the
	 * rules, their tests and the dashboard may read (histograms by their buckets).
	 */
	static final Set<String> METRICS = Set.of("ai_api_requests_total", "ai_api_request_duration_seconds_bucket",
			"ai_api_time_to_first_token_seconds_bucket", "ai_token_usage_input_total", "ai_token_usage_output_total",
			"ai_token_usage_estimated_total", "ai_token_usage_cache_read_total", "ai_token_usage_cache_write_total",
			"ai_token_usage_reasoning_total", "ai_api_requests_in_flight", "ai_api_cost_total",
			"ai_api_unpriced_requests_total", "ai_api_threshold", "ai_api_attempts_total", "ai_api_rate_limit_limit",
			"ai_api_rate_limit_remaining", "ai_api_price_catalogue_models",
			"ai_api_price_catalogue_loaded_timestamp_seconds", "ai_api_price_catalogue_refresh_failures_total",
			"ai_api_price_catalogue_last_refresh_successful", "ai_budget_spent", "ai_budget_limit",
			"ai_budget_actions_total", "ai_budget_store_failures_total");

	private MonitoringFiles() {
	}

	static List<Path> ruleFiles() {
		return list(RULES);
	}

	static List<Path> ruleTestFiles() {
		return list(RULE_TESTS);
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> yaml(Path file) {
		try (InputStream in = Files.newInputStream(file)) {
			return (Map<String, Object>) new Yaml().load(in);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read " + file, ex);
		}
	}

	static String text(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read " + file, ex);
		}
	}

	private static List<Path> list(Path folder) {
		try (Stream<Path> files = Files.list(folder)) {
			return files.filter((file) -> file.toString().endsWith(".yml")).sorted().toList();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot list " + folder, ex);
		}
	}

}
