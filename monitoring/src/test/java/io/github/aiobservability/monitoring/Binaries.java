package io.github.aiobservability.monitoring;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Assumptions;

/**
 * Finds the real Prometheus and Alertmanager binaries. Without them a developer's run
 * skips these tests and says so loudly; CI (CI=true) installs them, so there a missing
 * binary fails the build instead of hiding a gap.
 */
final class Binaries {

	private Binaries() {
	}

	/**
	 * The path of a binary, or the test is skipped (fails under CI) with why.
	 * @param name the command, such as {@code promtool}
	 * @param debianPackage the package that provides it
	 * @return its path
	 */
	static Path require(String name, String debianPackage) {
		Optional<Path> found = find(name);
		if (found.isEmpty()) {
			String message = "'" + name + "' is not installed, so the monitoring checks that need it did not run."
					+ " Install it with: apt-get install -y " + debianPackage;
			if ("true".equalsIgnoreCase(System.getenv("CI"))) {
				throw new AssertionError(message + " (CI must install it: see .ci/run)");
			}
			System.err.println("SKIPPED: " + message);
			Assumptions.abort(message);
		}
		return found.get();
	}

	static Optional<Path> find(String name) {
		for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
			Path candidate = Path.of(dir, name);
			if (Files.isExecutable(candidate)) {
				return Optional.of(candidate);
			}
		}
		return Optional.empty();
	}

}
