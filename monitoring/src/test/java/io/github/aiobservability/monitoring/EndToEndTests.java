package io.github.aiobservability.monitoring;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.aiobservability.sample.SampleApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.util.TestSocketUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole chain with real parts: the sample app on its embedded provider, real
 * Prometheus with the shipped configuration and rules, and real Alertmanager with the
 * shipped routing tree, all started by {@code run-local.sh}. Only targets, intervals and
 * receiver addresses are changed: receivers post to a local webhook. Faults injected
 * through the sample must fire the matching alerts, reach the right receivers with the
 * right severity, and resolve once the faults stop; every dashboard panel's query must
 * return data. The sample runs with its provider client's default retries, so the 429s
 * are mostly absorbed by retries, and must fire the rate-limit alert all the same. The
 * 401s burn the sample's availability objective 20 times too fast, which pages; its
 * latency objective's threshold meets its histogram bucket in real Prometheus.
 */
class EndToEndTests {

	private static final ObjectMapper json = new ObjectMapper();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@TempDir
	Path work;

	@Test
	void injectedFaultsFireRoutedAlertsThatResolveAndEveryPanelHasData() throws Exception {
		Binaries.require("prometheus", "prometheus");
		Binaries.require("prometheus-alertmanager", "prometheus-alertmanager");
		int appPort = TestSocketUtils.findAvailableTcpPort();
		try (AlertWebhook webhook = new AlertWebhook();
				ConfigurableApplicationContext app = startSample(appPort);
				LocalStack stack = LocalStack.start(this.work, "127.0.0.1:" + appPort, webhook, Map.of())) {
			String prometheus = stack.prometheus();
			String sample = "http://127.0.0.1:" + appPort;
			await("Prometheus scrapes the sample").atMost(Duration.ofMinutes(2))
				.pollInterval(Duration.ofSeconds(2))
				.until(() -> !query(prometheus, "ai_api_requests_total{job=\"ai-app\"}").isEmpty());

			// A model the embedded provider serves but no price covers.
			assertThat(post(sample + "/api/chat", "{\"message\":\"hello\",\"model\":\"house-model\"}")).isEqualTo(200);
			// A 401 is not retried: 10 % of the attempts fail their round-trip at once. A
			// 429 is: with the client's default retries, 25 % of the attempts answered
			// 429 make about 30 responses 429 a minute per model at 6 calls a second over
			// 4 models, while a round-trip ends in 429 only when every attempt got one
			// (0.25^3 with 2 retries, 0.25^4 with 3): 1.4 or 0.4 a minute, under the
			// threshold of 10.
			put(sample + "/mock/faults", "{\"unauthorized\":0.1,\"rateLimited\":0.25}");

			await("alerts fire and reach their receivers").atMost(Duration.ofMinutes(5))
				.pollInterval(Duration.ofSeconds(3))
				.untilAsserted(() -> {
					assertThat(firing(webhook, "/webhook")).contains("AIApiUnauthorized", "AIApiRateLimited",
							"AIApiErrorRateHigh", "AIApiModelUnpriced");
					assertThat(firing(webhook, "/email")).contains("AIApiRateLimited", "AIApiModelUnpriced")
						.doesNotContain("AIApiUnauthorized");
					// The sample's 99.5 % availability objective: a tenth of the calls
					// failing burns its budget 20 times too fast, which pages.
					assertThat(pagerDutyTriggers(webhook))
						.contains("AIApiUnauthorized", "AIApiErrorRateHigh", "AIApiErrorBudgetBurn")
						.doesNotContain("AIApiRateLimited");
				});
			// The 429s' retries can make calls slow enough to page the latency objective
			// too, on a busy machine: not asserted either way.
			assertThat(webhook.alerts("/webhook")).filteredOn((alert) -> isFiring(alert, "AIApiErrorBudgetBurn"))
				.filteredOn((alert) -> "calls-succeed".equals(alert.path("labels").path("slo").asText()))
				.anySatisfy((alert) -> assertThat(alert.path("labels").path("severity").asText()).isEqualTo("critical"))
				.allSatisfy((alert) -> {
					assertThat(alert.path("labels").path("severity").asText()).isIn("critical", "warning");
					assertThat(alert.path("labels").path("sli").asText()).isEqualTo("availability");
					assertThat(alert.path("labels").path("model").asText()).isNotBlank();
					assertThat(alert.path("annotations").path("runbook_url").asText())
						.endsWith("#aiapierrorbudgetburn");
				});
			assertThat(webhook.alerts("/webhook")).filteredOn((alert) -> isFiring(alert, "AIApiUnauthorized"))
				.allSatisfy((alert) -> {
					assertThat(alert.path("labels").path("severity").asText()).isEqualTo("critical");
					assertThat(alert.path("labels").path("job").asText()).isEqualTo("ai-app");
					assertThat(alert.path("labels").path("provider").asText()).isIn("openai", "deepseek", "qwen");
					assertThat(alert.path("labels").path("model").asText()).isNotBlank();
					assertThat(alert.path("annotations").path("runbook_url").asText()).endsWith("#aiapiunauthorized");
				});
			assertThat(webhook.alerts("/webhook")).filteredOn((alert) -> isFiring(alert, "AIApiRateLimited"))
				.allSatisfy((alert) -> {
					assertThat(alert.path("labels").path("severity").asText()).isEqualTo("warning");
					assertThat(alert.path("annotations").path("runbook_url").asText()).endsWith("#aiapiratelimited");
				});
			assertRateLimitAlertSawRetriedAttempts(prometheus);
			assertThat(query(prometheus, "job_model_slo:ai_api_slo_errors:rate5m{job=\"ai-app\", sli=\"latency\"}"))
				.as("a latency objective's bad calls: its threshold gauge's le joined the histogram's bucket")
				.isNotEmpty();
			assertThat(webhook.bodies("/pagerduty"))
				.allSatisfy((event) -> assertThat(event.path("routing_key").asText()).isEqualTo("e2e-routing-key"));

			assertEveryPanelHasData(prometheus);

			put(sample + "/mock/faults", "{}");
			await("alerts resolve once the faults stop").atMost(Duration.ofMinutes(9))
				.pollInterval(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(resolved(webhook, "/webhook")).contains("AIApiUnauthorized",
						"AIApiRateLimited", "AIApiErrorRateHigh"));
			assertThat(stack.process().isAlive()).as("run-local.sh kept its servers up").isTrue();
		}
	}

	/**
	 * The rate-limit alert fired on 429s that the client's retries absorbed: retries
	 * answered 200, and the round-trips that still ended in 429 stayed under the alert's
	 * threshold, so counting round-trips would not have fired it.
	 */
	private void assertRateLimitAlertSawRetriedAttempts(String prometheus) {
		assertThat(value(prometheus,
				"sum(increase(ai_api_attempts_total{job=\"ai-app\", attempt=\"retry\", status_code=\"200\"}[5m]))"))
			.as("retries that succeeded: the sample must run with the client's default retries, not max-retries 0")
			.isGreaterThan(0);
		assertThat(value(prometheus,
				"max_over_time(max(job_model:ai_api_rate_limited_attempts:increase1m{job=\"ai-app\"})[5m:5s])"))
			.as("429 attempts a minute, the alert's measure")
			.isGreaterThan(10);
		assertThat(value(prometheus,
				"max_over_time(max(sum by (model) (increase(ai_api_requests_total"
						+ "{job=\"ai-app\", error_type=\"rate_limited\"}[1m])))[5m:5s])"))
			.as("round-trips a minute that ended in 429 after the retries")
			.isLessThan(10);
	}

	/**
	 * The value of a query that returns one series.
	 */
	private double value(String prometheus, String promql) {
		List<JsonNode> result = query(prometheus, promql);
		assertThat(result).as(promql).hasSize(1);
		return result.get(0).path("value").get(1).asDouble();
	}

	private void assertEveryPanelHasData(String prometheus) {
		Map<String, List<String>> panels = DashboardAndComposeTests.queriesByPanel();
		Map<String, String> empty = new LinkedHashMap<>();
		for (Map.Entry<String, List<String>> panel : panels.entrySet()) {
			boolean hasData = false;
			for (String expr : panel.getValue()) {
				hasData |= !query(prometheus, substitute(expr)).isEmpty();
			}
			if (!hasData) {
				empty.put(panel.getKey(), String.join(" | ", panel.getValue()));
			}
		}
		assertThat(empty).as("panels whose queries return no data").isEmpty();
	}

	/**
	 * What Grafana does to a query before sending it: variables set to "All".
	 */
	private static String substitute(String expr) {
		return expr.replace("$job", ".*")
			.replace("$instance", ".*")
			.replace("$model", ".*")
			.replace("$provider", ".*")
			.replace("$tenant", ".*")
			.replace("$__rate_interval", "1m")
			.replace("$__interval", "1m")
			.replace("$__range", "10m");
	}

	private static Set<String> firing(AlertWebhook webhook, String path) {
		return names(webhook.alerts(path), "firing");
	}

	private static Set<String> resolved(AlertWebhook webhook, String path) {
		return names(webhook.alerts(path), "resolved");
	}

	private static Set<String> names(List<JsonNode> alerts, String status) {
		Set<String> names = new TreeSet<>();
		alerts.stream()
			.filter((alert) -> status.equals(alert.path("status").asText()))
			.forEach((alert) -> names.add(alert.path("labels").path("alertname").asText()));
		return names;
	}

	private static boolean isFiring(JsonNode alert, String name) {
		return "firing".equals(alert.path("status").asText())
				&& name.equals(alert.path("labels").path("alertname").asText());
	}

	/**
	 * The alert names of the PagerDuty Events API v2 "trigger" events received.
	 */
	private static Set<String> pagerDutyTriggers(AlertWebhook webhook) {
		Set<String> names = new TreeSet<>();
		for (JsonNode event : webhook.bodies("/pagerduty")) {
			if ("trigger".equals(event.path("event_action").asText())) {
				assertThat(event.path("payload").path("severity").asText()).isEqualTo("critical");
				names.add(event.path("payload").path("custom_details").path("alertname").asText());
			}
		}
		return names;
	}

	private static ConfigurableApplicationContext startSample(int port) {
		// Command-line arguments, which win over the sample's application.yml.
		return new SpringApplicationBuilder(SampleApplication.class).run("--server.port=" + port,
				"--sample.demo-traffic.requests-per-second=6", "--sample.demo-traffic.stream-ratio=0.3",
				"--sample.chat.timeout=5s", "--sample.mock.faults.rate-limited=0",
				"--sample.mock.faults.server-error=0", "--sample.mock.faults.unavailable=0",
				"--sample.mock.faults.slow=0", "--sample.mock.faults.stream-cut=0",
				"--sample.mock.models.gpt-4o-mini.tail-ratio=0", "--sample.mock.models.deepseek-chat.tail-ratio=0",
				"--sample.mock.models.qwen-plus.tail-ratio=0", "--sample.mock.models.o3-mini.tail-ratio=0",
				// Served by the embedded provider, absent from the price catalogue.
				"--sample.mock.models.house-model.latency=100ms",
				"--sample.demo-traffic.models=gpt-4o-mini,deepseek-chat,qwen-plus,o3-mini",
				// Budgets per second rather than per minute: 6 calls a second would spend
				// a minute's budget and keep answering 429 after the injected faults
				// stop.
				"--sample.mock.rate-limit-window=1s");
	}

	private List<JsonNode> query(String prometheus, String promql) {
		try {
			HttpResponse<String> response = this.http.send(HttpRequest
				.newBuilder(URI
					.create(prometheus + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)))
				.build(), HttpResponse.BodyHandlers.ofString());
			JsonNode body = json.readTree(response.body());
			assertThat(body.path("status").asText()).as(promql + ": " + response.body()).isEqualTo("success");
			List<JsonNode> result = new ArrayList<>();
			body.path("data").path("result").forEach(result::add);
			return result;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private void put(String url, String body) throws IOException, InterruptedException {
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
	}

	private int post(String url, String body) throws IOException, InterruptedException {
		return this.http
			.send(HttpRequest.newBuilder(URI.create(url))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString())
			.statusCode();
	}

}
