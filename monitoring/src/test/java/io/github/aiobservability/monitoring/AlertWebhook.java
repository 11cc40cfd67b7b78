package io.github.aiobservability.monitoring;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

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

	@Override
	public void close() {
		this.server.stop(0);
	}

	record Delivery(String path, JsonNode body) {
	}

}
