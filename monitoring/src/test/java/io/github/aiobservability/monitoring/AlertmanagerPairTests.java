package io.github.aiobservability.monitoring;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Alertmanager pair as {@code run-local.sh} runs it (two real Alertmanagers clustered
 * with {@code --cluster.peer}, real Prometheus with the shipped configuration sending to
 * both, the shipped routing tree posting here): one firing alert gives exactly one
 * notification per receiver, not one per Alertmanager, and with one Alertmanager killed
 * the next alert is still delivered. The application is a stand-in serving a budget's
 * gauges, so an alert fires at the first evaluation.
 */
class AlertmanagerPairTests {

	private static final ObjectMapper json = new ObjectMapper();

	/**
	 * How long the second Alertmanager waits for the first to notify (15s shipped): the
	 * window in which a second notification would arrive if the pair did not agree.
	 */
	private static final Duration PEER_TIMEOUT = Duration.ofSeconds(5);

	@TempDir
	Path work;

	@Test
	void oneAlertIsNotifiedOncePerReceiverAndTheNextIsDeliveredWithOneAlertmanagerKilled() throws Exception {
		try (AlertWebhook webhook = new AlertWebhook();
				BudgetGauges app = new BudgetGauges();
				LocalStack stack = LocalStack.start(this.work, app.address(), webhook,
						Map.of("AM_PEER_TIMEOUT", PEER_TIMEOUT.toSeconds() + "s"))) {
			await("the Alertmanagers form one cluster").atMost(Duration.ofMinutes(1))
				.pollInterval(Duration.ofMillis(500))
				.until(() -> clustered(stack.alertmanager()) && clustered(stack.alertmanager2()));
			app.exhausted("acme");

			await("the alert reaches every receiver").atMost(Duration.ofMinutes(2))
				.pollInterval(Duration.ofMillis(200))
				.until(() -> notifications(webhook, "acme") >= 1 && pagerDutyTriggers(webhook) >= 1);
			assertThat(alertNames(stack.alertmanager())).as("Prometheus sends to the first")
				.contains("AIBudgetExhausted");
			assertThat(alertNames(stack.alertmanager2())).as("Prometheus sends to the second")
				.contains("AIBudgetExhausted");
			// Past the time the second Alertmanager would notify, had it not learnt that
			// the first did.
			await("no second notification").during(PEER_TIMEOUT.multipliedBy(3))
				.atMost(PEER_TIMEOUT.multipliedBy(3).plusSeconds(30))
				.pollInterval(Duration.ofMillis(200))
				.untilAsserted(() -> {
					assertThat(notifications(webhook, "acme")).as("webhook notifications").isEqualTo(1);
					assertThat(pagerDutyTriggers(webhook)).as("PagerDuty events").isEqualTo(1);
					assertThat(webhook.bodies("/email")).as("a critical alert sends no email").isEmpty();
				});

			stack.killAlertmanager(stack.alertmanager());
			app.exhausted("acme", "globex");
			await("the next alert arrives through the Alertmanager left").atMost(Duration.ofMinutes(2))
				.pollInterval(Duration.ofMillis(200))
				.until(() -> notifications(webhook, "globex") >= 1 && pagerDutyTriggers(webhook) >= 2);
			assertThat(stack.process().isAlive()).as("run-local.sh goes on with one Alertmanager").isTrue();
		}
	}

	/** Webhook notifications that carry the firing budget alert of a scope value. */
	private static long notifications(AlertWebhook webhook, String scopeValue) {
		return webhook.bodies("/webhook").stream().filter((body) -> firing(body.path("alerts"), scopeValue)).count();
	}

	private static boolean firing(JsonNode alerts, String scopeValue) {
		for (JsonNode alert : alerts) {
			if ("firing".equals(alert.path("status").asText())
					&& "AIBudgetExhausted".equals(alert.path("labels").path("alertname").asText())
					&& scopeValue.equals(alert.path("labels").path("scope_value").asText())) {
				return true;
			}
		}
		return false;
	}

	/** PagerDuty trigger events of the budget alert. */
	private static long pagerDutyTriggers(AlertWebhook webhook) {
		return webhook.bodies("/pagerduty")
			.stream()
			.filter((event) -> "trigger".equals(event.path("event_action").asText()) && "AIBudgetExhausted"
				.equals(event.path("payload").path("custom_details").path("alertname").asText()))
			.count();
	}

	/** Whether an Alertmanager sees itself in a ready cluster of two. */
	private static boolean clustered(String alertmanager) throws IOException {
		JsonNode cluster = json.readTree(LocalStack.get(alertmanager + "/api/v2/status")).path("cluster");
		return "ready".equals(cluster.path("status").asText()) && cluster.path("peers").size() == 2;
	}

	private static List<String> alertNames(String alertmanager) throws IOException {
		return json.readTree(LocalStack.get(alertmanager + "/api/v2/alerts"))
			.findValues("alertname")
			.stream()
			.map(JsonNode::asText)
			.toList();
	}

	/**
	 * Stands in for the application: {@code /actuator/prometheus} with one budget's
	 * gauges, spent for the scope values the test names.
	 */
	private static final class BudgetGauges implements AutoCloseable {

		private final HttpServer server;

		private volatile String metrics = text();

		BudgetGauges() throws IOException {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			this.server.createContext("/actuator/prometheus", (exchange) -> {
				try (exchange) {
					byte[] body = this.metrics.getBytes(StandardCharsets.UTF_8);
					exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4");
					exchange.sendResponseHeaders(200, body.length);
					exchange.getResponseBody().write(body);
				}
			});
			this.server.start();
		}

		String address() {
			return "127.0.0.1:" + this.server.getAddress().getPort();
		}

		/** Reports the budget spent for these scope values. */
		void exhausted(String... scopeValues) {
			this.metrics = text(scopeValues);
		}

		private static String text(String... exhausted) {
			StringBuilder text = new StringBuilder("# TYPE ai_api_threshold gauge\n")
				.append("ai_api_threshold{name=\"error_rate\",model=\"\"} 0.05\n")
				.append("# TYPE ai_budget_spent gauge\n");
			for (String scopeValue : List.of("acme", "globex", "initech")) {
				boolean spent = List.of(exhausted).contains(scopeValue);
				text.append("ai_budget_spent{budget=\"tenant-daily\",scope_value=\"")
					.append(scopeValue)
					.append("\"} ")
					.append(spent ? "12" : "1")
					.append('\n');
			}
			text.append("# TYPE ai_budget_limit gauge\n");
			for (String scopeValue : List.of("acme", "globex", "initech")) {
				text.append("ai_budget_limit{budget=\"tenant-daily\",scope_value=\"")
					.append(scopeValue)
					.append("\"} 10\n");
			}
			return text.toString();
		}

		@Override
		public void close() {
			this.server.stop(0);
		}

	}

}
