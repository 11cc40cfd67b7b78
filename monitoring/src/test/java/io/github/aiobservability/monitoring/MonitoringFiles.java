package io.github.aiobservability.monitoring;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
