package io.github.aiobservability.monitoring;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The conventions every rule follows: alerts have a "for", a known severity, a summary, a
 * description and a runbook section that exists; recording rules are named
 * level:metric:operation; every alert has a promtool test; every threshold of the starter
 * has its property's default, and those a model can have its own of fall back to the
 * application's; rules and their tests read only the starter's metrics; the guide's
 * defects stay out.
 */
class AlertRuleConventionTests {

	private static final Pattern RECORDING_NAME = Pattern.compile("[a-z_]+:[a-z0-9_]+:[a-z0-9_]+");

	private static final Set<String> SEVERITIES = Set.of("critical", "warning", "info");

	/**
	 * The thresholds a model can have its own of (ai.observability.thresholds.models[n]),
	 * exported as ai_api_threshold{name, model} next to the application's (model="").
	 */
	private static final Set<String> MODEL_THRESHOLDS = Set.of("error_rate", "latency_p99_seconds",
			"time_to_first_token_p95_seconds", "rate_limit_headroom");

	/**
	 * A threshold with the guide's default where the application exports none; one a
	 * model can have its own of reads the application's series only (model="").
	 */
	private static final Pattern THRESHOLD_RULE = Pattern
		.compile("max by \\(job\\) \\(ai_api_threshold\\{name=\"([a-z0-9_]+)\"(, model=\"\")?\\}\\) or on \\(job\\) "
				+ "\\(([0-9.]+) \\* job:ai_api_requests:present\\)");

	/**
	 * A model's own threshold where its application exports one, else the application's.
	 */
	private static final Pattern MODEL_THRESHOLD_RULE = Pattern
		.compile("max by \\(job, model\\) \\(ai_api_threshold\\{name=\"([a-z0-9_]+)\", model!=\"\"\\}\\) "
				+ "or on \\(job, model\\) \\(0 \\* .+ \\+ on \\(job\\) group_left \\(\\) "
				+ "job:ai_api_threshold_\\1:max\\)");

	/** A metric name, not part of a recording rule's name. */
	private static final Pattern METRIC = Pattern.compile("(?<![:\\w])(ai_[a-z_]+|up)(?![:\\w])");

	/** The metric of a promtool input series. */
	private static final Pattern INPUT_SERIES = Pattern.compile("series: '([a-zA-Z_:][a-zA-Z0-9_:]*)\\{");

	@Test
	void everyAlertHasForSeveritySummaryDescriptionAndAnExistingRunbook() {
		String readme = MonitoringFiles.text(MonitoringFiles.README);
		List<Map<String, Object>> alerts = rules("alert");

		assertThat(alerts).hasSizeGreaterThanOrEqualTo(15);
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
		assertThat(rules("record"))
			.allSatisfy((rule) -> assertThat((String) rule.get("record")).matches(RECORDING_NAME));
	}

	@Test
	void everyAlertIsCoveredByAPromtoolTest() {
		StringBuilder tests = new StringBuilder();
		MonitoringFiles.ruleTestFiles().forEach((file) -> tests.append(MonitoringFiles.text(file)));

		assertThat(rules("alert"))
			.allSatisfy((alert) -> assertThat(tests.toString()).as("a test of " + alert.get("alert"))
				.contains("alertname: " + alert.get("alert")));
	}

	@Test
	void everyThresholdOfTheStarterHasItsDefaultWhereAnApplicationExportsNone() {
		Map<String, String> fallbacks = new TreeMap<>();
		rules("record").stream()
			.filter((rule) -> ((String) rule.get("record")).startsWith("job:ai_api_threshold_"))
			.forEach((rule) -> {
				String record = (String) rule.get("record");
				Matcher matcher = THRESHOLD_RULE.matcher((String) rule.get("expr"));
				assertThat(matcher.matches()).as(record + ": " + rule.get("expr")).isTrue();
				assertThat(record).isEqualTo("job:ai_api_threshold_" + matcher.group(1) + ":max");
				assertThat(matcher.group(2) != null).as(record + " reads only model=\"\"")
					.isEqualTo(MODEL_THRESHOLDS.contains(matcher.group(1)));
				fallbacks.put(matcher.group(1), plain(new BigDecimal(matcher.group(3))));
			});
		// The defaults of the ai.observability.thresholds.* properties, as the starter's
		// configuration metadata has them: a threshold without a fallback, a fallback
		// without a threshold or a fallback that is not the default fails here.
		Map<String, String> defaults = new TreeMap<>();
		StarterConfiguration.thresholdDefaults()
			.forEach((property, value) -> defaults.put(StarterConfiguration.thresholdName(property), plain(value)));

		assertThat(fallbacks).isEqualTo(defaults);
	}

	@Test
	void everyThresholdAModelCanHaveIsJudgedPerModelFallingBackToTheApplications() {
		Set<String> perModel = new TreeSet<>();
		rules("record").stream()
			.filter((rule) -> ((String) rule.get("record")).startsWith("job_model:ai_api_threshold_"))
			.forEach((rule) -> {
				String record = (String) rule.get("record");
				Matcher matcher = MODEL_THRESHOLD_RULE.matcher((String) rule.get("expr"));
				assertThat(matcher.matches()).as(record + ": " + rule.get("expr")).isTrue();
				assertThat(record).isEqualTo("job_model:ai_api_threshold_" + matcher.group(1) + ":max");
				perModel.add(matcher.group(1));
			});

		assertThat(perModel).isEqualTo(new TreeSet<>(MODEL_THRESHOLDS));
		StringBuilder alerts = new StringBuilder();
		rules("alert").forEach((alert) -> alerts.append(alert.get("expr")).append('\n'));
		MODEL_THRESHOLDS.forEach((name) -> assertThat(alerts.toString()).as("alerts on " + name)
			.contains("job_model:ai_api_threshold_" + name + ":max")
			.doesNotContain("job:ai_api_threshold_" + name + ":max"));
	}

	@Test
	void theAvailabilityIndicatorDecidesEveryOutcome() {
		// Cancelled calls and other 4xx count neither way (monitoring/README.md, "Service
		// level objectives"); every other outcome counts, and every one but a success
		// spends the budget. A new outcome fails here until the rules decide it.
		Set<String> counted = new TreeSet<>(StarterMetrics.outcomes());
		counted.removeAll(Set.of("cancelled", "client_error"));
		Pattern selector = Pattern.compile("ai_api_requests_total\\{error_type=~\"([a-z_|]+)\"}");
		Map<String, String> records = new TreeMap<>();
		rules("record").forEach((rule) -> records.put((String) rule.get("record"), (String) rule.get("expr")));

		for (String window : List.of("5m", "1h")) {
			Matcher requests = selector.matcher(records.get("job_model_slo:ai_api_slo_requests:rate" + window));
			assertThat(requests.find()).as("the calls that count over " + window).isTrue();
			assertThat(new TreeSet<>(Arrays.asList(requests.group(1).split("\\|")))).as(window).isEqualTo(counted);
			assertThat(records.get("job_model_slo:ai_api_slo_errors:rate" + window))
				.as("the bad calls over " + window + ": those that count less the successes")
				.contains("job_model_slo:ai_api_slo_requests:rate" + window + "{sli=\"availability\"}\n"
						+ "  - on (job, model) group_left () sum by (job, model) (rate(ai_api_requests_total{error_type=\"none\"}["
						+ window + "]))");
		}
	}

	@Test
	void rulesReadOnlyMetricsOfTheContract() {
		List<Map<String, Object>> all = new ArrayList<>(rules("alert"));
		all.addAll(rules("record"));
		Set<String> used = new TreeSet<>();
		all.forEach((rule) -> {
			Matcher matcher = METRIC.matcher((String) rule.get("expr"));
			while (matcher.find()) {
				used.add(matcher.group(1));
			}
		});

		assertThat(used).contains("ai_api_attempts_total", "ai_api_rate_limit_limit", "ai_api_rate_limit_remaining");
		assertThat(used).allSatisfy((metric) -> assertThat(isKnown(metric)).as(metric).isTrue());
	}

	@Test
	void ruleTestsFeedOnlyMetricsOfTheContract() {
		// A misspelt series name would leave a rule without input: its quiet tests would
		// pass.
		MonitoringFiles.ruleTestFiles().forEach((file) -> {
			Matcher matcher = INPUT_SERIES.matcher(MonitoringFiles.text(file));
			int series = 0;
			while (matcher.find()) {
				series++;
				String metric = matcher.group(1);
				assertThat(isKnown(metric)).as(file.getFileName() + ": " + metric).isTrue();
			}
			assertThat(series).as(file.getFileName().toString()).isPositive();
		});
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

	/** A number as a rule writes it: 10, not 10.0 or 1E+1. */
	private static String plain(BigDecimal number) {
		return number.stripTrailingZeros().toPlainString();
	}

	/** A metric of the starter, or Prometheus's own up. */
	private static boolean isKnown(String metric) {
		return metric.equals("up") || StarterMetrics.EXPORTED.contains(metric);
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
