package io.github.aiobservability.monitoring;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.aiobservability.autoconfigure.slo.SloGauges;
import io.github.aiobservability.autoconfigure.slo.SloProperties;
import io.github.aiobservability.budget.Budget;
import io.github.aiobservability.budget.BudgetAction;
import io.github.aiobservability.budget.BudgetPeriod;
import io.github.aiobservability.budget.BudgetPeriodGauges;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.boot.convert.DurationStyle;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Facts the bundle and the README copy from the starter, each tied to its source by a
 * test that fails when the copy and the starter differ: the metrics and their types, the
 * defaults of the thresholds and of the buckets, the outcome values. The rules' fallback
 * thresholds are tied to the properties' defaults in {@link AlertRuleConventionTests}.
 */
class ContractTests {

	/** The bucket property of each histogram the starter exports. */
	private static final Map<String, String> BUCKETS = Map.of("ai_api_request_duration_seconds_bucket",
			"ai.observability.latency-buckets", "ai_api_time_to_first_token_seconds_bucket",
			"ai.observability.time-to-first-token-buckets", "ai_api_time_per_output_token_seconds_bucket",
			"ai.observability.time-per-output-token-buckets", "ai_api_model_load_duration_seconds_bucket",
			"ai.observability.latency-buckets");

	/** A row of a README table: its first two cells, each in backticks. */
	private static final Pattern ROW = Pattern.compile("(?m)^\\| `([^`]+)` \\| `?([^`|]*)`? \\|");

	/**
	 * A bucket boundary of a histogram series, in a rule, a promtool series or a query.
	 */
	private static final Pattern LE = Pattern.compile("\\b(ai_[a-z_]+_bucket)\\{[^}]*\\ble=\\\\?\"([^\"\\\\]+)\\\\?\"");

	/** An error_type matcher, in a rule, a promtool series or a query. */
	private static final Pattern ERROR_TYPE = Pattern.compile("\\berror_type[=!~]{1,2}\\\\?\"([^\"\\\\]*)\\\\?\"");

	/** The list of service level objectives. */
	private static final String SLOS = StarterConfiguration.PREFIX + "slos";

	/** The list of budgets. */
	private static final String BUDGETS = StarterConfiguration.PREFIX + "budgets.limits";

	private final String readme = MonitoringFiles.text(MonitoringFiles.STARTER_README);

	@Test
	void everyMeterOfTheStarterHasTheKindItsExportedNameDependsOn() {
		assertThat(StarterMetrics.KINDS.keySet())
			.as("StarterMetrics.KINDS: a meter of AiMetricNames without its kind, or a kind of no meter")
			.containsExactlyInAnyOrderElementsOf(StarterMetrics.names());
		assertThat(StarterMetrics.EXPORTED).hasSize(StarterMetrics.names().size())
			.allSatisfy((name) -> assertThat(name).matches("ai_[a-z_]+"));
	}

	@Test
	void readmeMetricsTableListsEveryExportedMetricWithItsType() {
		Map<String, String> documented = new TreeMap<>();
		Matcher row = ROW.matcher(section(this.readme, "## Metrics"));
		while (row.find()) {
			documented.put(row.group(1), row.group(2).trim());
		}
		Map<String, String> exported = new TreeMap<>();
		StarterMetrics.KINDS.forEach((name, kind) -> exported
			.put(StarterMetrics.exported(name, kind).replaceFirst("_bucket$", ""), kind.type()));

		assertThat(documented).isEqualTo(exported);
	}

	@Test
	void readmeThresholdsTableShowsEveryThresholdItsDefaultAndItsName() {
		Map<String, String> documented = new TreeMap<>();
		Map<String, String> names = new TreeMap<>();
		for (String line : section(this.readme, "### Thresholds").split("\n")) {
			String[] cells = line.split("\\|");
			if (line.startsWith("| `" + StarterConfiguration.THRESHOLDS) && cells.length == 4) {
				String property = unquote(cells[1]);
				documented.put(property, plain(number(unquote(cells[2]))));
				names.put(property, unquote(cells[3]));
			}
		}
		Map<String, String> defaults = new TreeMap<>();
		Map<String, String> exportedNames = new TreeMap<>();
		StarterConfiguration.thresholdDefaults().forEach((property, value) -> {
			defaults.put(property, plain(value));
			exportedNames.put(property, StarterConfiguration.thresholdName(property));
		});

		assertThat(documented).isEqualTo(defaults);
		assertThat(names).isEqualTo(exportedNames);
	}

	@Test
	void everyHistogramHasItsBucketProperty() {
		Set<String> histograms = new TreeSet<>();
		StarterMetrics.EXPORTED.stream().filter((name) -> name.endsWith("_bucket")).forEach(histograms::add);

		assertThat(BUCKETS.keySet()).containsExactlyInAnyOrderElementsOf(histograms);
		BUCKETS.values()
			.forEach((property) -> assertThat(StarterConfiguration.durations(property)).as(property)
				.isNotEmpty()
				.isSorted());
	}

	@Test
	void readmeShowsTheDefaultBuckets() {
		Map<String, String> documented = new TreeMap<>();
		Matcher row = ROW.matcher(section(this.readme, "## Configuration reference"));
		while (row.find()) {
			if (BUCKETS.containsValue(row.group(1))) {
				documented.put(row.group(1), row.group(2));
			}
		}
		Map<String, String> defaults = new TreeMap<>();
		BUCKETS.values().forEach((property) -> defaults.put(property, String.join(",", seconds(property))));
		Map<String, String> shown = new TreeMap<>();
		documented.forEach((property, value) -> shown.put(property,
				String.join(",", Arrays.stream(value.split(","))
					.map((bucket) -> plain(StarterConfiguration.seconds(DurationStyle.detectAndParse(bucket.trim()))))
					.toList())));

		assertThat(shown).isEqualTo(defaults);
		// The Metrics table sums the latency buckets up in words.
		Matcher summary = Pattern.compile("buckets ([0-9.]+) s to ([0-9.]+) s, including ([0-9.]+) s and ([0-9.]+) s")
			.matcher(section(this.readme, "## Metrics"));
		assertThat(summary.find()).as("the latency buckets in the Metrics table").isTrue();
		List<String> latency = seconds("ai.observability.latency-buckets");
		assertThat(summary.group(1)).isEqualTo(latency.get(0));
		assertThat(summary.group(2)).isEqualTo(latency.get(latency.size() - 1));
		assertThat(latency).contains(summary.group(3), summary.group(4));
	}

	@Test
	void rulesTheirTestsAndTheDashboardUseOnlyBucketsTheStarterExports() {
		Map<String, Set<String>> used = new TreeMap<>();
		bundleFiles().forEach((file) -> {
			Matcher le = LE.matcher(MonitoringFiles.text(file));
			while (le.find()) {
				String metric = le.group(1);
				assertThat(BUCKETS).as(file.getFileName() + ": " + metric).containsKey(metric);
				if (!le.group(2).equals("+Inf")) {
					used.computeIfAbsent(metric, (key) -> new TreeSet<>()).add(plain(new BigDecimal(le.group(2))));
				}
			}
		});

		assertThat(used).as("the rule tests feed histograms").isNotEmpty();
		used.forEach(
				(metric, boundaries) -> assertThat(seconds(BUCKETS.get(metric))).as(metric).containsAll(boundaries));
	}

	@Test
	void rulesTheirTestsAndTheDashboardUseOnlyOutcomesTheStarterExports() {
		Set<String> outcomes = StarterMetrics.outcomes();
		Set<String> used = new TreeSet<>();
		bundleFiles().forEach((file) -> {
			Matcher errorType = ERROR_TYPE.matcher(MonitoringFiles.text(file));
			while (errorType.find()) {
				used.addAll(Arrays.asList(errorType.group(1).split("\\|")));
			}
		});

		assertThat(used).contains("rate_limited", "unauthorized");
		assertThat(outcomes).containsAll(used);
	}

	@Test
	void readmeListsEveryOutcome() {
		String labels = section(this.readme, "## Metrics");
		String errorType = labels.substring(labels.indexOf("- `error_type`:"));
		errorType = errorType.substring("- `error_type`:".length(), errorType.indexOf(". "));
		Set<String> documented = new TreeSet<>();
		Matcher value = Pattern.compile("`([a-z_]+)`").matcher(errorType);
		while (value.find()) {
			documented.add(value.group(1));
		}

		assertThat(documented).isEqualTo(StarterMetrics.outcomes());
	}

	@Test
	void readmeSloTableShowsEveryPropertyOfAnObjectiveWithItsDefault() {
		Map<String, String> documented = new TreeMap<>();
		String prefix = SLOS + "[n].";
		for (String line : section(this.readme, "## Service level objectives").split("\n")) {
			String[] cells = line.split("\\|");
			if (line.startsWith("| `" + prefix) && cells.length >= 4) {
				documented.put(unquote(cells[1]).substring(prefix.length()), unquote(cells[2]));
			}
		}
		Map<String, String> defaults = new TreeMap<>();
		StarterConfiguration.elementDefaults(SLOS).forEach((name, value) -> defaults.put(name, asWritten(value)));
		Map<String, String> shown = new TreeMap<>();
		documented
			.forEach((name, value) -> shown.put(name, (defaults.get(name) != null && value.matches("[0-9]+[a-z]+"))
					? asWritten(DurationStyle.detectAndParse(value)) : value));

		assertThat(shown).isEqualTo(defaults);
		String sli = section(this.readme, "## Service level objectives");
		sli = sli.substring(sli.indexOf("| `" + prefix + "sli`"));
		sli = sli.substring(0, sli.indexOf('\n'));
		for (String value : StarterConfiguration.elementEnumValues(SLOS, "sli", "name")) {
			assertThat(sli).as("the README's sli values").contains("`" + value.toLowerCase().replace('_', '-') + "`");
		}
	}

	@Test
	void rulesJudgeEveryIndicatorAndBudgetPeriodByTheLabelsTheStarterExports() {
		Set<String> slis = new TreeSet<>();
		Set<String> periods = new TreeSet<>();
		MonitoringFiles.ruleFiles().forEach((file) -> {
			Matcher label = Pattern.compile("\\b(sli|period)=\\\\?\"([^\"\\\\]*)\\\\?\"")
				.matcher(MonitoringFiles.text(file));
			while (label.find()) {
				(label.group(1).equals("sli") ? slis : periods).add(label.group(2));
			}
		});

		assertThat(slis).as("the sli labels the rules select")
			.containsExactlyInAnyOrderElementsOf(StarterConfiguration.elementEnumValues(SLOS, "sli", "label"));
		assertThat(periods).as("the budget periods the rules select")
			.containsExactlyInAnyOrderElementsOf(StarterConfiguration.elementEnumValues(BUDGETS, "period", "name")
				.stream()
				.map(String::toLowerCase)
				.toList());
	}

	@Test
	void rulesAggregateTheSloAndBudgetGaugesByTheLabelsTheStarterExports() {
		PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
		SloProperties slo = new SloProperties();
		slo.setName("answers");
		slo.setSli(SloProperties.Sli.LATENCY);
		slo.setObjective(0.99);
		slo.setThreshold(Duration.ofSeconds(10));
		SloGauges sloGauges = new SloGauges(List.of(slo), Tags.of("application", "shop"));
		sloGauges.bindTo(registry);
		sloGauges.modelLabelAdded("gpt-4o");
		new BudgetPeriodGauges(
				List.of(new Budget("daily", -1, 10, Map.of(), BudgetPeriod.DAY, BudgetAction.ALERT, null)),
				Clock.systemUTC(), ZoneOffset.UTC, Tags.of("application", "shop"))
			.bindTo(registry);
		Map<String, Set<String>> exported = new TreeMap<>();
		for (String line : registry.scrape().split("\n")) {
			Matcher sample = Pattern.compile("^([a-z_]+)\\{(.*)\\} ").matcher(line);
			if (sample.find()) {
				Set<String> labels = new TreeSet<>(List.of("job"));
				Matcher label = Pattern.compile("([a-z_]+)=\"").matcher(sample.group(2));
				while (label.find()) {
					labels.add(label.group(1));
				}
				labels.remove("application");
				exported.put(sample.group(1), labels);
			}
		}
		Map<String, Set<String>> aggregated = new TreeMap<>();
		MonitoringFiles.ruleFiles().forEach((file) -> {
			Matcher by = Pattern.compile("by \\(([a-z_, ]+)\\) \\((ai_api_slo_[a-z_]+|ai_budget_period_end_[a-z_]+)\\)")
				.matcher(MonitoringFiles.text(file));
			while (by.find()) {
				aggregated.put(by.group(2), new TreeSet<>(Arrays.asList(by.group(1).split(", "))));
			}
		});

		assertThat(aggregated).as("the SLO and budget-period gauges the rules read, by the labels they keep")
			.hasSize(4)
			.isEqualTo(exported);
	}

	/** A default as the README's tables write it: nothing, 30d in seconds, or a list. */
	private static String asWritten(@Nullable Object value) {
		if (value == null) {
			return "";
		}
		if (value instanceof Duration duration) {
			return plain(StarterConfiguration.seconds(duration)) + "s";
		}
		if (value instanceof List<?> list) {
			return String.join(",", list.stream().map(String::valueOf).toList());
		}
		return String.valueOf(value);
	}

	/** The files Prometheus and Grafana read, and the rule tests. */
	private static List<Path> bundleFiles() {
		List<Path> files = new ArrayList<>(MonitoringFiles.ruleFiles());
		files.addAll(MonitoringFiles.ruleTestFiles());
		files.add(MonitoringFiles.DASHBOARD);
		return files;
	}

	/**
	 * A property's default buckets in seconds, as Prometheus writes them without ".0".
	 */
	private static List<String> seconds(String property) {
		return StarterConfiguration.durations(property)
			.stream()
			.map((bucket) -> plain(StarterConfiguration.seconds(bucket)))
			.toList();
	}

	/** A threshold as the README writes it: a number, or a duration such as 10s. */
	private static BigDecimal number(String value) {
		return value.matches("[0-9.]+") ? new BigDecimal(value)
				: StarterConfiguration.seconds(DurationStyle.detectAndParse(value));
	}

	private static String plain(BigDecimal number) {
		return number.stripTrailingZeros().toPlainString();
	}

	private static String unquote(String cell) {
		return cell.trim().replace("`", "");
	}

	/**
	 * A section of a markdown text, from its heading to the next of the same level or
	 * higher.
	 */
	private static String section(String markdown, String heading) {
		int start = markdown.indexOf("\n" + heading + "\n");
		assertThat(start).as("section " + heading).isNotNegative();
		String level = heading.substring(0, heading.indexOf(' '));
		Matcher next = Pattern.compile("\n#{1," + level.length() + "} ").matcher(markdown);
		int end = next.find(start + heading.length() + 1) ? next.start() : markdown.length();
		return markdown.substring(start, end);
	}

}
