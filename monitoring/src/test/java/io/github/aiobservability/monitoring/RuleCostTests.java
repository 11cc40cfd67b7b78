package io.github.aiobservability.monitoring;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.aiobservability.autoconfigure.slo.SloProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.test.util.TestSocketUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the bundle's rules cost Prometheus at the starter's caps, measured by Prometheus
 * itself: real Prometheus with the shipped configuration and rule files (targets and
 * intervals changed only) scrapes two instances of an application that exports what the
 * starter exports at {@code max-models} models (and {@code other}), with three service
 * level objectives, one of each indicator ({@link CappedApplication}), and the last
 * hour's samples at the density of the shipped scrape interval. Once the groups have
 * evaluated on that hour a few times, the test prints, per group, the recording series
 * and Prometheus's {@code prometheus_rule_group_last_duration_seconds}, and the slowest
 * rules. A group whose interval is longer than the test (the hourly one) is measured by
 * running its expressions through the query API.
 * <p>
 * The issue asks for a small fraction of the evaluation interval (a tenth, say); an idle
 * 2-core machine measures about 6 % here, and about 9 % with production-length windows
 * (monitoring/README.md). The test holds the groups' median evaluations, added up, under
 * a fifth of the shipped interval: a loaded machine stays under it, a rule that reads
 * several times more series or samples does not. It also holds what does not depend on
 * the machine: no evaluation fails, and every recording rule records one series per value
 * of its level's labels at most, exactly one per model or per model and SLO where its
 * level says so.
 * <p>
 * Prometheus scrapes every fraction of a second, each scrape a step of 15 s of the
 * application's history, until the history meets the clock; it evaluates every 5 s so
 * that the groups evaluate often within the test: what one evaluation costs does not
 * depend on how often it runs. Windows of up to an hour over the application's series
 * hold what they hold in production; longer ones (printed) hold only that hour, and
 * windows over recording rules only the test's minute. {@code -DruleCost.tenants=6} adds
 * a request tag with six values per model and endpoint, which fills
 * {@code max-label-sets}: more series for the rules to read, the same recording series.
 */
class RuleCostTests {

	private static final ObjectMapper json = new ObjectMapper();

	/** How often Prometheus scrapes in the test: each scrape a step of the history. */
	private static final Duration SCRAPE_INTERVAL = Duration.ofMillis(200);

	private static final Duration EVALUATION_INTERVAL = Duration.ofSeconds(5);

	/** The window, after the history met the clock, whose evaluations are measured. */
	private static final Duration MEASURED = Duration.ofSeconds(30);

	/** The target, printed: a small fraction of the shipped interval. */
	private static final double TARGET = 0.10;

	/**
	 * What the test holds: the groups' median evaluations, added up, under this share of
	 * the shipped interval, twice the target, so that a loaded machine passes.
	 */
	private static final double BOUND = 2 * TARGET;

	private static final String JOB = "ai-app";

	/**
	 * The labels a recording rule's level may name, as the naming convention spells them.
	 */
	private static final List<String> LEVEL_LABELS = List.of("scope_value", "resource", "provider", "currency",
			"budget", "model", "slo", "job", "le");

	/** A range over one of the application's own series, not a recording rule's. */
	private static final Pattern RAW_RANGE = Pattern.compile("\\b(ai_[a-z_]+)(?:\\{[^}]*})?\\[([0-9a-z]+)]");

	@TempDir
	Path work;

	@Test
	void rulesAtTheStarterCapsTakeASmallShareOfTheEvaluationInterval() throws Exception {
		Path binary = Binaries.require("prometheus", "prometheus");
		Duration shipped = shipped("evaluation_interval");
		Duration step = shipped("scrape_interval");
		List<SloProperties> slos = List.of(slo("calls-succeed", SloProperties.Sli.AVAILABILITY, 0.995, null),
				slo("answers-in-10s", SloProperties.Sli.LATENCY, 0.99, Duration.ofSeconds(10)),
				slo("first-token-in-3s", SloProperties.Sli.TIME_TO_FIRST_TOKEN, 0.95, Duration.ofSeconds(3)));
		int tenants = Integer.getInteger("ruleCost.tenants", 0);
		List<Group> groups = groups();
		long started = System.nanoTime();
		try (CappedApplication first = new CappedApplication(slos, tenants, step, 1);
				CappedApplication second = new CappedApplication(slos, tenants, step, 2);
				PrometheusServer prometheus = PrometheusServer.start(binary, this.work,
						List.of(first.target(), second.target()))) {
			String url = prometheus.url();
			await("Prometheus scrapes both instances").atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(500))
				.until(() -> value(url, "count(up{job=\"" + JOB + "\"} == 1)", 0) == 2);
			await("the history meets the clock").atMost(Duration.ofMinutes(4))
				.pollInterval(Duration.ofSeconds(1))
				.until(() -> first.caughtUp() && second.caughtUp());
			long history = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
			int minimum = (int) (MEASURED.toSeconds() / EVALUATION_INTERVAL.toSeconds()) - 1;
			await("every group evaluates " + minimum + " times on the hour").pollDelay(MEASURED)
				.atMost(MEASURED.plusSeconds(30))
				.pollInterval(Duration.ofSeconds(1))
				.until(() -> groups.stream()
					.filter(Group::due)
					.allMatch((group) -> evaluations(url).getOrDefault(group.name(), 0.0) >= minimum));

			Measurement measured = measure(url, groups);
			long modelLabels = (long) value(url, "count(count by (model) (ai_api_requests_total{job=\"" + JOB + "\"}))",
					0);
			double hour = value(url, "min(count_over_time(ai_api_requests_total{job=\"" + JOB + "\"}[1h]))", 0);
			String input = String.format(Locale.ROOT,
					"%d model labels (max-models %d, and other), %d SLOs, %d instances of job %s, %,d series"
							+ " (%s); %.0f samples a series in the last hour (one every %d s, written in %d s);"
							+ " evaluation every %d s, measured over its last %d s",
					modelLabels, CappedApplication.cap("max-models"), slos.size(), 2, JOB,
					(long) value(url, "count({__name__=~\"ai_.+\", job=\"" + JOB + "\"})", 0),
					(tenants > 0) ? tenants + " tenants per model and endpoint, max-label-sets "
							+ CappedApplication.cap("max-label-sets") : "no request tags",
					hour, step.toSeconds(), history, EVALUATION_INTERVAL.toSeconds(), MEASURED.toSeconds());
			System.out.println(measured.table(input, shipped) + longRanges(groups));

			assertThat(value(url,
					"sum(prometheus_target_scrapes_sample_out_of_bounds_total)"
							+ " + sum(prometheus_target_scrapes_sample_out_of_order_total)"
							+ " + sum(prometheus_target_scrapes_sample_duplicate_timestamp_total)",
					0))
				.as("samples of the history Prometheus refused")
				.isZero();
			assertThat(hour).as("samples a series in the last hour, one every %s", step)
				.isGreaterThanOrEqualTo(0.95 * Duration.ofHours(1).toSeconds() / step.toSeconds());
			assertThat(measured.failedRules()).as("rules that failed their last evaluation").isEmpty();
			assertThat(value(url, "sum(prometheus_rule_evaluation_failures_total)", 0)).as("failed evaluations")
				.isZero();
			assertThat(modelLabels).as("the model labels: the cap and other").isEqualTo(first.modelLabels());
			assertThat(modelLabels).isEqualTo(CappedApplication.cap("max-models") + 1);
			assertSeriesPerLevel(url, measured, modelLabels, slos);
			assertThat(measured.median())
				.as("seconds the groups' median evaluations add up to, against %s of the shipped %s (the issue's"
						+ " target: %s)", BOUND, shipped, TARGET)
				.isLessThan(BOUND * shipped.toMillis() / 1000.0);
		}
	}

	/**
	 * Every recording rule records at most one series per value of its level's labels in
	 * the input (none grows with anything but them), exactly one per model where the
	 * level is per model, one per model and SLO where it is per SLO.
	 */
	private static void assertSeriesPerLevel(String url, Measurement measured, long modelLabels,
			List<SloProperties> slos) {
		long thresholded = slos.stream().filter((slo) -> slo.getThreshold() != null).count();
		Map<String, Long> exact = Map.of("job_model", modelLabels, "job_model_slo", modelLabels * slos.size(),
				"job_model_slo_le", modelLabels * thresholded);
		Map<String, Long> bounds = new TreeMap<>();
		measured.series().forEach((record, series) -> {
			String level = record.substring(0, record.indexOf(':'));
			long bound = bounds.computeIfAbsent(level, (key) -> bound(url, key));
			assertThat(series).as("series of %s, at most one per value of its level's labels", record)
				.isLessThanOrEqualTo(bound);
			if (exact.containsKey(level) && measured.evaluated(record)) {
				assertThat(series).as("series of %s", record).isEqualTo(exact.get(level));
			}
		});
		assertThat(measured.series().keySet()).as("the levels the counts are exact for")
			.anyMatch((record) -> record.startsWith("job_model:"))
			.anyMatch((record) -> record.startsWith("job_model_slo:"));
	}

	/**
	 * The distinct values of a level's labels among the application's series.
	 */
	private static long bound(String url, String level) {
		List<String> labels = new ArrayList<>();
		String rest = level;
		while (!rest.isEmpty()) {
			String remaining = rest;
			String label = LEVEL_LABELS.stream()
				.filter((name) -> remaining.equals(name) || remaining.startsWith(name + "_"))
				.findFirst()
				.orElseThrow(() -> new AssertionError(
						"Level " + level + " names a label this test does not know: " + remaining));
			labels.add(label);
			rest = rest.substring(Math.min(rest.length(), label.length() + 1));
		}
		StringBuilder selector = new StringBuilder("{__name__=~\"ai_.+\", job=\"" + JOB + "\"");
		labels.stream()
			.filter((label) -> !label.equals("job"))
			.forEach((label) -> selector.append(", ").append(label).append("!=\"\""));
		selector.append('}');
		return (long) value(url, "count(count by (" + String.join(", ", labels) + ") (" + selector + "))", 0);
	}

	private static Measurement measure(String url, List<Group> groups) {
		String window = "[" + MEASURED.toSeconds() + "s]";
		Map<String, Double> last = byGroup(query(url, "prometheus_rule_group_last_duration_seconds"));
		Map<String, Double> median = byGroup(
				query(url, "quantile_over_time(0.5, prometheus_rule_group_last_duration_seconds" + window + ")"));
		Map<String, Double> max = byGroup(
				query(url, "max_over_time(prometheus_rule_group_last_duration_seconds" + window + ")"));
		Map<String, Double> samples = byGroup(query(url, "prometheus_rule_group_last_evaluation_samples"));
		Map<String, Double> evaluations = evaluations(url);
		Map<String, Long> series = new TreeMap<>();
		query(url, "count by (__name__) ({__name__=~\".+:.+\", job=\"" + JOB + "\"})").forEach((result) -> series
			.put(result.path("metric").path("__name__").asText(), result.path("value").get(1).asLong()));
		List<Row> rows = new ArrayList<>();
		for (Group group : groups) {
			if (group.due()) {
				long recorded = group.records().stream().mapToLong((record) -> series.getOrDefault(record, 0L)).sum();
				rows.add(new Row(group, recorded, samples.getOrDefault(group.name(), 0.0).longValue(),
						evaluations.getOrDefault(group.name(), 0.0).longValue(), last.getOrDefault(group.name(), 0.0),
						median.getOrDefault(group.name(), 0.0), max.getOrDefault(group.name(), 0.0)));
			}
			else {
				// Not due within the test: its expressions, run once now, stand for it.
				double seconds = 0;
				long recorded = 0;
				for (Map.Entry<String, String> rule : group.expressions().entrySet()) {
					JsonNode data = data(url, rule.getValue(), true);
					seconds += data.path("stats").path("timings").path("evalTotalTime").asDouble();
					recorded += data.path("result").size();
					series.put(rule.getKey(), (long) data.path("result").size());
				}
				rows.add(new Row(group, recorded, recorded, 0, seconds, seconds, seconds));
			}
		}
		List<String> failed = new ArrayList<>();
		List<RuleTime> rules = new ArrayList<>();
		for (JsonNode group : data(url, "/api/v1/rules").path("groups")) {
			for (JsonNode rule : group.path("rules")) {
				if ("err".equals(rule.path("health").asText())) {
					failed.add(rule.path("name").asText() + ": " + rule.path("lastError").asText());
				}
				rules.add(new RuleTime(group.path("name").asText(), rule.path("name").asText(),
						rule.path("evaluationTime").asDouble()));
			}
		}
		rules.sort(Comparator.comparingDouble(RuleTime::seconds).reversed());
		return new Measurement(rows, series, failed, rules.subList(0, Math.min(10, rules.size())));
	}

	/** The evaluations of each group within the measured window. */
	private static Map<String, Double> evaluations(String url) {
		return byGroup(query(url, "prometheus_rule_group_iterations_total"
				+ " - prometheus_rule_group_iterations_total offset " + MEASURED.toSeconds() + "s"));
	}

	/**
	 * The rules that read more than the test's hour of the application's own series:
	 * their cost here is that of an hour.
	 */
	private static String longRanges(List<Group> groups) {
		StringBuilder ranges = new StringBuilder();
		for (Group group : groups) {
			group.expressions().forEach((record, expr) -> {
				Matcher range = RAW_RANGE.matcher(expr);
				while (range.find()) {
					if (promqlDuration(range.group(2)).compareTo(Duration.ofHours(1)) > 0) {
						ranges.append(String.format(Locale.ROOT, "  %s reads %s[%s]%n", record, range.group(1),
								range.group(2)));
					}
				}
			});
		}
		return ranges.isEmpty() ? ""
				: "Read over an hour only here (the test's history), longer in production:\n" + ranges;
	}

	/** A PromQL duration, such as {@code 30d} or {@code 1h30m}. */
	private static Duration promqlDuration(String text) {
		Duration duration = Duration.ZERO;
		Matcher unit = Pattern.compile("([0-9]+)(ms|[ywdhms])").matcher(text);
		while (unit.find()) {
			long amount = Long.parseLong(unit.group(1));
			duration = duration.plus(switch (unit.group(2)) {
				case "y" -> Duration.ofDays(365 * amount);
				case "w" -> Duration.ofDays(7 * amount);
				case "d" -> Duration.ofDays(amount);
				case "h" -> Duration.ofHours(amount);
				case "m" -> Duration.ofMinutes(amount);
				case "s" -> Duration.ofSeconds(amount);
				default -> Duration.ofMillis(amount);
			});
		}
		return duration;
	}

	/** An interval of the shipped configuration's global section. */
	private static Duration shipped(String interval) {
		Map<?, ?> global = (Map<?, ?>) MonitoringFiles.yaml(MonitoringFiles.PROMETHEUS_CONFIG).get("global");
		return DurationStyle.detectAndParse(String.valueOf(global.get(interval)));
	}

	private static SloProperties slo(String name, SloProperties.Sli sli, double objective, Duration threshold) {
		SloProperties slo = new SloProperties();
		slo.setName(name);
		slo.setSli(sli);
		slo.setObjective(objective);
		slo.setThreshold(threshold);
		return slo;
	}

	/** The groups of the shipped rule files, in order. */
	@SuppressWarnings("unchecked")
	private static List<Group> groups() {
		List<Group> groups = new ArrayList<>();
		for (Path file : MonitoringFiles.ruleFiles()) {
			for (Map<String, Object> group : (List<Map<String, Object>>) MonitoringFiles.yaml(file).get("groups")) {
				Object interval = group.get("interval");
				Duration every = (interval != null) ? DurationStyle.detectAndParse(interval.toString())
						: EVALUATION_INTERVAL;
				Map<String, String> expressions = new LinkedHashMap<>();
				int rules = 0;
				for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
					rules++;
					if (rule.containsKey("record")) {
						expressions.put((String) rule.get("record"), (String) rule.get("expr"));
					}
				}
				groups.add(new Group((String) group.get("name"), rules, every, expressions));
			}
		}
		return groups;
	}

	/** A value per rule group, by the group's name. */
	private static Map<String, Double> byGroup(List<JsonNode> results) {
		Map<String, Double> values = new TreeMap<>();
		for (JsonNode result : results) {
			String group = result.path("metric").path("rule_group").asText();
			values.put(group.substring(group.indexOf(';') + 1), result.path("value").get(1).asDouble());
		}
		return values;
	}

	private static double value(String url, String promql, double none) {
		List<JsonNode> results = query(url, promql);
		assertThat(results.size()).as(promql).isLessThanOrEqualTo(1);
		return results.isEmpty() ? none : results.get(0).path("value").get(1).asDouble();
	}

	private static List<JsonNode> query(String url, String promql) {
		List<JsonNode> results = new ArrayList<>();
		data(url, promql, false).path("result").forEach(results::add);
		return results;
	}

	private static JsonNode data(String url, String promql, boolean stats) {
		return data(url, "/api/v1/query?" + (stats ? "stats=all&" : "") + "query="
				+ URLEncoder.encode(promql, StandardCharsets.UTF_8));
	}

	private static JsonNode data(String url, String path) {
		try {
			JsonNode body = json.readTree(LocalStack.get(url + path));
			assertThat(body.path("status").asText()).as(path + ": " + body).isEqualTo("success");
			return body.path("data");
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A rule group of the shipped files.
	 *
	 * @param name its name
	 * @param rules how many rules it has
	 * @param interval how often it runs in the test
	 * @param expressions the expression of each of its recording rules, by the rule's
	 * name
	 */
	private record Group(String name, int rules, Duration interval, Map<String, String> expressions) {

		/** Whether it evaluates often enough in the test to be measured by Prometheus. */
		boolean due() {
			return this.interval.compareTo(MEASURED) <= 0;
		}

		List<String> records() {
			return List.copyOf(this.expressions.keySet());
		}

	}

	/**
	 * What one group cost.
	 *
	 * @param group the group
	 * @param series the series its recording rules recorded
	 * @param samples the samples its last evaluation returned, alerts' included
	 * @param evaluations its evaluations in the measured window
	 * @param last its last evaluation, in seconds
	 * @param median its median evaluation in the window
	 * @param max its slowest evaluation in the window
	 */
	private record Row(Group group, long series, long samples, long evaluations, double last, double median,
			double max) {
	}

	private record RuleTime(String group, String rule, double seconds) {
	}

	/**
	 * What the groups cost.
	 *
	 * @param rows one per group
	 * @param series the series of each recording rule
	 * @param failedRules the rules whose last evaluation failed, with the error
	 * @param slowest the rules that took longest in their group's last evaluation
	 */
	private record Measurement(List<Row> rows, Map<String, Long> series, List<String> failedRules,
			List<RuleTime> slowest) {

		/**
		 * Seconds of evaluation per interval: each group's median evaluation, added up,
		 * as if all ran in the same interval.
		 */
		double median() {
			return this.rows.stream().mapToDouble(Row::median).sum();
		}

		double max() {
			return this.rows.stream().mapToDouble(Row::max).sum();
		}

		boolean evaluated(String record) {
			return this.rows.stream()
				.anyMatch((row) -> row.group().due() && row.group().expressions().containsKey(record));
		}

		String table(String input, Duration shipped) {
			double interval = shipped.toMillis() / 1000.0;
			String per = "/" + shipped.toSeconds() + "s";
			StringBuilder table = new StringBuilder("\nRule cost at the caps: ").append(input).append('\n');
			table.append(String.format(Locale.ROOT, "%-18s %5s %9s %8s %11s %8s %8s %8s %9s %9s%n", "group", "rules",
					"recorded", "out", "evaluations", "last ms", "median ms", "max ms", "median" + per, "max" + per));
			for (Row row : this.rows) {
				table.append(
						String.format(Locale.ROOT, "%-18s %5d %,9d %,8d %11s %8.1f %8.1f %8.1f %8.2f%% %8.2f%%%n",
								row.group().name(), row.group().rules(), row.series(), row.samples(),
								row.group().due() ? String.valueOf(row.evaluations())
										: "1 per " + hours(row.group()) + "*",
								row.last() * 1000, row.median() * 1000, row.max() * 1000, 100 * row.median() / interval,
								100 * row.max() / interval));
			}
			table.append(String.format(Locale.ROOT, "%-18s %5d %,9d %8s %11s %8s %8.1f %8.1f %8.2f%% %8.2f%%%n",
					"total", this.rows.stream().mapToInt((row) -> row.group().rules()).sum(),
					this.rows.stream().mapToLong(Row::series).sum(), "", "", "", median() * 1000, max() * 1000,
					100 * median() / interval, 100 * max() / interval));
			table.append("* not due within the test: its expressions run once through the query API\n");
			table.append("Slowest rules in their group's last evaluation:\n");
			this.slowest.forEach((rule) -> table.append(String.format(Locale.ROOT, "  %8.2f ms  %-17s %s%n",
					rule.seconds() * 1000, rule.group(), rule.rule())));
			table.append("Recording series per rule:\n");
			this.series
				.forEach((record, count) -> table.append(String.format(Locale.ROOT, "  %,7d  %s%n", count, record)));
			return table.toString();
		}

		private static String hours(Group group) {
			return (group.interval().toMinutes() % 60 == 0) ? group.interval().toHours() + "h"
					: group.interval().toMinutes() + "m";
		}

	}

	/**
	 * Real Prometheus with the shipped configuration and rule files, its targets and
	 * intervals changed only, as {@code run-local.sh} changes them.
	 */
	private static final class PrometheusServer implements AutoCloseable {

		private final Process process;

		private final int port;

		private PrometheusServer(Process process, int port) {
			this.process = process;
			this.port = port;
		}

		static PrometheusServer start(Path binary, Path work, List<String> targets) throws IOException {
			int port = TestSocketUtils.findAvailableTcpPort();
			// Nothing listens there: alerts that fire go nowhere, as the test needs.
			String alertmanager = "127.0.0.1:" + TestSocketUtils.findAvailableTcpPort();
			Files.createDirectories(work.resolve("rules"));
			for (Path file : MonitoringFiles.ruleFiles()) {
				Files.copy(file, work.resolve("rules").resolve(file.getFileName()));
			}
			String config = MonitoringFiles.text(MonitoringFiles.PROMETHEUS_CONFIG);
			config = replace(config, "\"sample-app:8080\"", "\"" + targets.get(0) + "\"");
			config = replace(config, "\"sample-app-2:8080\"", "\"" + targets.get(1) + "\"");
			config = replace(config, "\"alertmanager:9093\"", "\"" + alertmanager + "\"");
			config = replace(config, "\"alertmanager-2:9093\"", "\"" + alertmanager + "\"");
			config = replace(config, "\"localhost:9090\"", "\"127.0.0.1:" + port + "\"");
			config = replace(config, "  scrape_interval: 15s",
					"  scrape_interval: " + SCRAPE_INTERVAL.toMillis() + "ms");
			config = replace(config, "  evaluation_interval: 15s",
					"  evaluation_interval: " + EVALUATION_INTERVAL.toMillis() + "ms");
			Path configFile = work.resolve("prometheus.yml");
			Files.writeString(configFile, config);
			Path log = work.resolve("prometheus.log");
			Process process = new ProcessBuilder(binary.toString(), "--config.file=" + configFile,
					"--storage.tsdb.path=" + work.resolve("data"), "--storage.tsdb.retention.time=35d",
					"--web.listen-address=127.0.0.1:" + port)
				.redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			PrometheusServer server = new PrometheusServer(process, port);
			try {
				await("Prometheus is ready").atMost(Duration.ofSeconds(30))
					.pollInterval(Duration.ofMillis(250))
					.until(() -> {
						assertThat(process.isAlive()).as(() -> "Prometheus exited: " + MonitoringFiles.text(log))
							.isTrue();
						try {
							LocalStack.get(server.url() + "/-/ready");
							return true;
						}
						catch (IllegalStateException ex) {
							return false;
						}
					});
			}
			catch (RuntimeException | Error ex) {
				server.close();
				throw ex;
			}
			return server;
		}

		String url() {
			return "http://127.0.0.1:" + this.port;
		}

		@Override
		public void close() {
			this.process.destroy();
			try {
				if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
					this.process.destroyForcibly();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				this.process.destroyForcibly();
			}
		}

		private static String replace(String config, String shipped, String replacement) {
			assertThat(config).as("the shipped prometheus.yml").contains(shipped);
			return config.replace(shipped, replacement);
		}

	}

}
