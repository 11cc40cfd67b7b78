package io.github.aiobservability.monitoring;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.boot.convert.DurationStyle;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Facts the bundle and the README copy from the starter, each tied to its source by a test
 * that fails when the copy and the starter differ: the metrics and their types, the
 * defaults of the thresholds. The rules' fallback thresholds are tied to the properties'
 * defaults in {@link AlertRuleConventionTests}.
 */
class ContractTests {

	/** A row of a README table: its first two cells, each in backticks. */
	private static final Pattern ROW = Pattern.compile("(?m)^\\| `([^`]+)` \\| `?([^`|]*)`? \\|");

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

	/** A section of a markdown text, from its heading to the next of the same level or higher. */
	private static String section(String markdown, String heading) {
		int start = markdown.indexOf("\n" + heading + "\n");
		assertThat(start).as("section " + heading).isNotNegative();
		String level = heading.substring(0, heading.indexOf(' '));
		Matcher next = Pattern.compile("\n#{1," + level.length() + "} ").matcher(markdown);
		int end = next.find(start + heading.length() + 1) ? next.start() : markdown.length();
		return markdown.substring(start, end);
	}

}
