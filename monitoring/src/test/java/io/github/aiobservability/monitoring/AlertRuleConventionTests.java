package io.github.aiobservability.monitoring;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The conventions every rule follows: alerts have a "for", a known severity, a summary, a
 * description and a runbook section that exists; recording rules are named
 * level:metric:operation; every alert has a promtool test; the guide's defects stay out.
 */
class AlertRuleConventionTests {

	private static final Pattern RECORDING_NAME = Pattern.compile("[a-z_]+:[a-z0-9_]+:[a-z0-9_]+");

	private static final Set<String> SEVERITIES = Set.of("critical", "warning", "info");

	@Test
	void everyAlertHasForSeveritySummaryDescriptionAndAnExistingRunbook() {
		String readme = MonitoringFiles.text(MonitoringFiles.README);
		List<Map<String, Object>> alerts = rules("alert");

		assertThat(alerts).hasSizeGreaterThanOrEqualTo(12);
		assertThat(alerts).allSatisfy((alert) -> {
			String name = (String) alert.get("alert");
			assertThat(alert).as(name).containsKey("for");
			Map<String, Object> labels = map(alert.get("labels"));
			assertThat(SEVERITIES).as(name).contains((String) labels.get("severity"));
			Map<String, Object> annotations = map(alert.get("annotations"));
			assertThat(annotations).as(name).containsKeys("summary", "description", "runbook_url");
			String runbook = (String) annotations.get("runbook_url");
			String anchor = runbook.substring(runbook.indexOf('#') + 1);
			assertThat(anchor).as(name).isEqualTo(name.toLowerCase());
			assertThat(readme).as("runbook section for " + name).contains("### " + name);
		});
	}

	@Test
	void recordingRulesAreNamedLevelMetricOperation() {
		assertThat(rules("record")).allSatisfy((rule) -> assertThat((String) rule.get("record")).matches(RECORDING_NAME));
	}

	@Test
	void everyAlertIsCoveredByAPromtoolTest() {
		StringBuilder tests = new StringBuilder();
		MonitoringFiles.ruleTestFiles().forEach((file) -> tests.append(MonitoringFiles.text(file)));

		assertThat(rules("alert")).allSatisfy((alert) -> assertThat(tests.toString())
			.as("a test of " + alert.get("alert"))
			.contains("alertname: " + alert.get("alert")));
	}

	@Test
	void avoidsTheDefectsOfTheGuidesRules() {
		List<Map<String, Object>> all = new ArrayList<>(rules("alert"));
		all.addAll(rules("record"));

		assertThat(all).allSatisfy((rule) -> {
			String expr = (String) rule.get("expr");
			// A quantile over buckets not summed by le across instances.
			if (expr.contains("histogram_quantile")) {
				assertThat(expr).as(expr).containsPattern("histogram_quantile\\([0-9.]+, job_model_le:");
			}
			// Tokens per second compared with a per-minute threshold.
			assertThat(expr).as(expr).doesNotContainPattern("rate\\(ai_token_usage_input_total");
			// The raw cost counter as a day's cost.
			if (expr.contains("ai_api_cost_total")) {
				assertThat(expr).as(expr).contains("increase(ai_api_cost_total");
			}
		});
		assertThat(MonitoringFiles.text(MonitoringFiles.COMPOSE)).doesNotContain("--rule.files");
	}

	private static List<Map<String, Object>> rules(String kind) {
		List<Map<String, Object>> rules = new ArrayList<>();
		for (Path file : MonitoringFiles.ruleFiles()) {
			for (Object group : (List<?>) MonitoringFiles.yaml(file).get("groups")) {
				for (Object rule : (List<?>) map(group).get("rules")) {
					if (map(rule).containsKey(kind)) {
						rules.add(map(rule));
					}
				}
			}
		}
		return rules;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		return (Map<String, Object>) value;
	}

}
