package io.github.aiobservability.monitoring;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command to completion and keeps what it printed.
 */
final class Commands {

	private Commands() {
	}

	static Result run(Path workingDirectory, List<String> command) {
		try {
			Process process = new ProcessBuilder(command).directory(workingDirectory.toFile())
				.redirectErrorStream(true)
				.start();
			byte[] output = process.getInputStream().readAllBytes();
			if (!process.waitFor(5, TimeUnit.MINUTES)) {
				process.destroyForcibly();
				throw new IllegalStateException("Timed out: " + command);
			}
			return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot run " + command, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	static List<String> command(Path binary, String... arguments) {
		List<String> command = new ArrayList<>();
		command.add(binary.toString());
		command.addAll(List.of(arguments));
		return command;
	}

	record Result(int exitCode, String output) {
	}

}
