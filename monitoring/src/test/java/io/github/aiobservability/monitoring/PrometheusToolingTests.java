package io.github.aiobservability.monitoring;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped files pass the checks of the real tools: promtool for the Prometheus
 * configuration, the rules and their unit tests, amtool for the Alertmanager routing.
 */
class PrometheusToolingTests {

	@Test
	void prometheusConfigurationIsValid() {
		Path promtool = Binaries.require("promtool", "prometheus");

		Commands.Result result = Commands.run(MonitoringFiles.ROOT,
				Commands.command(promtool, "check", "config", MonitoringFiles.PROMETHEUS_CONFIG.toString()));

		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(result.output()).contains("SUCCESS: 2 rule files found");
	}

	@Test
	void rulesAreValid() {
		Path promtool = Binaries.require("promtool", "prometheus");
		List<String> command = Commands.command(promtool, "check", "rules");
		MonitoringFiles.ruleFiles().forEach((file) -> command.add(file.toString()));

		Commands.Result result = Commands.run(MonitoringFiles.ROOT, command);

		assertThat(result.exitCode()).as(result.output()).isZero();
	}

	@Test
	void everyRuleTestPasses() {
		Path promtool = Binaries.require("promtool", "prometheus");
		List<String> command = new ArrayList<>(Commands.command(promtool, "test", "rules"));
		MonitoringFiles.ruleTestFiles().forEach((file) -> command.add(file.toString()));

		Commands.Result result = Commands.run(MonitoringFiles.RULE_TESTS, command);

		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(result.output()).doesNotContain("FAILED");
	}

	@Test
	void alertmanagerConfigurationIsValid() {
		Path amtool = Binaries.require("amtool", "prometheus-alertmanager");

		Commands.Result result = Commands.run(MonitoringFiles.ROOT,
				Commands.command(amtool, "check-config", MonitoringFiles.ALERTMANAGER_CONFIG.toString()));

		assertThat(result.exitCode()).as(result.output()).isZero();
	}

	@Test
	void alertmanagerRoutesBySeverity() {
		Path amtool = Binaries.require("amtool", "prometheus-alertmanager");

		assertThat(route(amtool, "severity=critical", "alertname=AIApiUnauthorized")).isEqualTo("webhook,pagerduty");
		assertThat(route(amtool, "severity=warning", "alertname=AIApiRateLimited")).isEqualTo("webhook,email");
		assertThat(route(amtool, "severity=warning", "alertname=AIApiRetriesHigh")).isEqualTo("webhook,email");
		assertThat(route(amtool, "severity=info", "alertname=AIApiHighRequestRate")).isEqualTo("webhook,null");
	}

	private static String route(Path amtool, String... labels) {
		List<String> command = Commands.command(amtool, "config", "routes", "test",
				"--config.file=" + MonitoringFiles.ALERTMANAGER_CONFIG);
		command.addAll(List.of(labels));
		Commands.Result result = Commands.run(MonitoringFiles.ROOT, command);
		assertThat(result.exitCode()).as(result.output()).isZero();
		return result.output().lines().filter((line) -> !line.startsWith("Warning")).findFirst().orElse("").trim();
	}

}
