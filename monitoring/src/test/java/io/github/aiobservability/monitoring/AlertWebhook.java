package io.github.aiobservability.monitoring;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Stands in for PagerDuty, the mail relay and the chat webhook: Alertmanager's receivers
 * post here, and the test reads what each one received.
 */
final class AlertWebhook implements AutoCloseable {

	private static final ObjectMapper json = new ObjectMapper();

	private final HttpServer server;

	private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

	AlertWebhook() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/", (exchange) -> {
			try (exchange) {
				JsonNode body = json.readTree(exchange.getRequestBody());
				this.deliveries.add(new Delivery(exchange.getRequestURI().getPath(), body));
				// PagerDuty's Events API answers 202 with a small JSON body.
				byte[] answer = "{\"status\":\"success\"}".getBytes();
				exchange.sendResponseHeaders(202, answer.length);
				exchange.getResponseBody().write(answer);
			}
		});
		this.server.start();
	}

	String url(String path) {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + path;
	}

	/**
	 * The alerts Alertmanager's webhook payloads delivered to a path, flattened.
	 * @param path the receiver's path
	 * @return each alert with the status of its notification
	 */
	List<JsonNode> alerts(String path) {
		List<JsonNode> alerts = new ArrayList<>();
		for (Delivery delivery : this.deliveries) {
			if (delivery.path().equals(path)) {
				delivery.body().path("alerts").forEach(alerts::add);
			}
		}
		return alerts;
	}

	/**
	 * The bodies posted to a path, for receivers that are not webhooks (PagerDuty).
	 * @param path the receiver's path
	 * @return the bodies
	 */
	List<JsonNode> bodies(String path) {
		return this.deliveries.stream().filter((delivery) -> delivery.path().equals(path)).map(Delivery::body).toList();
	}

	/**
	 * The shipped routing tree with its timing shortened and its receivers posting here:
	 * PagerDuty's Events API at /pagerduty, the email receiver replaced by a webhook at
	 * /email (no mail relay here), the webhook at /webhook.
	 * @return the routing file's content
	 */
	@SuppressWarnings("unchecked")
	String shippedRouting() {
		Map<String, Object> config = MonitoringFiles.yaml(MonitoringFiles.ALERTMANAGER_CONFIG);
		Map<String, Object> route = (Map<String, Object>) config.get("route");
		route.put("group_wait", "1s");
		route.put("group_interval", "2s");
		for (Object receiver : (List<Object>) config.get("receivers")) {
			Map<String, Object> r = (Map<String, Object>) receiver;
			switch ((String) r.get("name")) {
				case "pagerduty" -> ((Map<String, Object>) ((List<Object>) r.get("pagerduty_configs")).get(0))
					.put("url", url("/pagerduty"));
				case "email" -> {
					r.remove("email_configs");
					r.put("webhook_configs", List.of(Map.of("url", url("/email"), "send_resolved", true)));
				}
				case "webhook" -> ((Map<String, Object>) ((List<Object>) r.get("webhook_configs")).get(0)).put("url",
						url("/webhook"));
				default -> {
				}
			}
		}
		DumperOptions options = new DumperOptions();
		options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
		return new Yaml(options).dump(config);
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	record Delivery(String path, JsonNode body) {
	}

}
