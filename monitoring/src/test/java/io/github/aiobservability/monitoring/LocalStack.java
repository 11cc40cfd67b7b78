package io.github.aiobservability.monitoring;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.springframework.test.util.TestSocketUtils;

import static org.awaitility.Awaitility.await;

/**
 * The monitoring stack as {@code run-local.sh} runs it: real Prometheus with the shipped
 * configuration and rules, and the real Alertmanager pair with the shipped routing tree,
 * on free ports, its receivers posting to a local webhook. Only targets, intervals and
 * receiver addresses differ from what is shipped.
 */
final class LocalStack implements AutoCloseable {

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final Process process;

	private final int prometheusPort;

	private final int alertmanagerPort;

	private final int alertmanager2Port;

	private LocalStack(Process process, int prometheusPort, int alertmanagerPort, int alertmanager2Port) {
		this.process = process;
		this.prometheusPort = prometheusPort;
		this.alertmanagerPort = alertmanagerPort;
		this.alertmanager2Port = alertmanager2Port;
	}

	/**
	 * Starts {@code run-local.sh}; returns once Prometheus and both Alertmanagers are
	 * ready.
	 * @param work where configuration, data and logs go
	 * @param appTarget the application Prometheus scrapes, host:port
	 * @param webhook where the receivers post
	 * @param settings more of the script's settings (environment variables)
	 * @return the running stack
	 * @throws IOException when the script cannot start
	 */
	static LocalStack start(Path work, String appTarget, AlertWebhook webhook, Map<String, String> settings)
			throws IOException {
		Binaries.require("prometheus", "prometheus");
		Binaries.require("prometheus-alertmanager", "prometheus-alertmanager");
		int prometheusPort = TestSocketUtils.findAvailableTcpPort();
		int alertmanagerPort = TestSocketUtils.findAvailableTcpPort();
		int alertmanager2Port = TestSocketUtils.findAvailableTcpPort();
		Path alertmanagerConfig = work.resolve("alertmanager-test.yml");
		Files.writeString(alertmanagerConfig, webhook.shippedRouting());
		ProcessBuilder builder = new ProcessBuilder("bash", MonitoringFiles.RUN_LOCAL.toString())
			.redirectErrorStream(true)
			.redirectOutput(work.resolve("run-local.log").toFile());
		Map<String, String> env = builder.environment();
		env.put("APP_TARGET", appTarget);
		env.put("PROM_PORT", String.valueOf(prometheusPort));
		env.put("AM_PORT", String.valueOf(alertmanagerPort));
		env.put("AM2_PORT", String.valueOf(alertmanager2Port));
		env.put("AM_CLUSTER_PORT", String.valueOf(TestSocketUtils.findAvailableTcpPort()));
		env.put("AM2_CLUSTER_PORT", String.valueOf(TestSocketUtils.findAvailableTcpPort()));
		env.put("SCRAPE_INTERVAL", "1s");
		env.put("EVALUATION_INTERVAL", "1s");
		env.put("ALERTMANAGER_CONFIG", alertmanagerConfig.toString());
		env.put("WORK_DIR", work.resolve("stack").toString());
		env.put("PAGERDUTY_ROUTING_KEY", "e2e-routing-key");
		env.putAll(settings);
		LocalStack stack = new LocalStack(builder.start(), prometheusPort, alertmanagerPort, alertmanager2Port);
		try {
			await("Prometheus and both Alertmanagers are ready").atMost(Duration.ofMinutes(1))
				.pollInterval(Duration.ofMillis(500))
				.until(() -> ready(stack.prometheus() + "/-/ready") && ready(stack.alertmanager() + "/-/ready")
						&& ready(stack.alertmanager2() + "/-/ready"));
		}
		catch (RuntimeException | Error ex) {
			stack.close();
			throw ex;
		}
		return stack;
	}

	String prometheus() {
		return "http://127.0.0.1:" + this.prometheusPort;
	}

	String alertmanager() {
		return "http://127.0.0.1:" + this.alertmanagerPort;
	}

	String alertmanager2() {
		return "http://127.0.0.1:" + this.alertmanager2Port;
	}

	Process process() {
		return this.process;
	}

	/**
	 * Kills the Alertmanager whose web address is given ({@code SIGKILL}), as a crashed
	 * machine would lose it.
	 * @param url its address, {@link #alertmanager()} or {@link #alertmanager2()}
	 */
	void killAlertmanager(String url) {
		String listen = "--web.listen-address=" + url.substring("http://".length());
		List<ProcessHandle> found = this.process.descendants()
			.filter((child) -> child.info().arguments().map(List::of).orElse(List.of()).contains(listen))
			.toList();
		if (found.size() != 1) {
			throw new IllegalStateException("Not one Alertmanager listening on " + url + ": " + found);
		}
		ProcessHandle alertmanager = found.get(0);
		alertmanager.destroyForcibly();
		alertmanager.onExit().orTimeout(10, TimeUnit.SECONDS).join();
	}

	/**
	 * The script and its servers, stopped together.
	 */
	@Override
	public void close() {
		List<ProcessHandle> children = this.process.descendants().toList();
		this.process.destroy();
		try {
			if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		children.forEach(ProcessHandle::destroyForcibly);
	}

	/**
	 * Reads a URL of the stack.
	 * @param url the URL
	 * @return the body, when it answered 200
	 */
	static String get(String url) {
		try {
			HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
					HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
			}
			return response.body();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static boolean ready(String url) {
		try {
			return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
				.statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
