#!/usr/bin/env bash
# Runs the monitoring stack without Docker, from the machine's packages, against an
# application that is already running (by default the sample app on localhost:8080):
#
#   sudo apt-get install -y prometheus prometheus-alertmanager
#   mvn -pl sample-app -am spring-boot:run &        # in another terminal
#   monitoring/run-local.sh                          # Ctrl-C stops it all
#
# Prometheus on :9090 and Alertmanager on :9093 use the shipped rules and routing; Grafana
# on :3000 is started too when grafana-server is installed (GRAFANA_ADMIN_PASSWORD must be
# set). Secrets come from the environment and are written to the work directory only:
#   PAGERDUTY_ROUTING_KEY, SMTP_PASSWORD
#
# Other settings, all optional:
#   APP_TARGET (localhost:8080)  PROM_PORT (9090)  AM_PORT (9093)  GRAFANA_PORT (3000)
#   SCRAPE_INTERVAL (15s)  EVALUATION_INTERVAL (15s)
#   ALERTMANAGER_CONFIG   another routing file, for example one pointing at a test webhook
#   WORK_DIR              where configuration and data go (a new temporary directory)
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
app_target="${APP_TARGET:-${1:-localhost:8080}}"
prom_port="${PROM_PORT:-9090}"
am_port="${AM_PORT:-9093}"
grafana_port="${GRAFANA_PORT:-3000}"
scrape_interval="${SCRAPE_INTERVAL:-15s}"
evaluation_interval="${EVALUATION_INTERVAL:-15s}"
work="${WORK_DIR:-$(mktemp -d -t ai-monitoring.XXXXXX)}"

require() {
	if ! command -v "$1" > /dev/null 2>&1; then
		echo "run-local.sh: '$1' is not installed. Install it with: apt-get install -y $2" >&2
		exit 1
	fi
}
require prometheus prometheus
require prometheus-alertmanager prometheus-alertmanager

mkdir -p "$work/prometheus/rules" "$work/alertmanager/secrets" "$work/prometheus-data" "$work/alertmanager-data"
cp "$here"/prometheus/rules/*.yml "$work/prometheus/rules/"

# The shipped configuration with its targets and intervals pointed at this machine: one
# application instance, so the compose stack's second sample instance goes.
sed -e "s#\"sample-app:8080\"#\"$app_target\"#" \
	-e "/\"sample-app-2:8080\"/d" \
	-e "s#\"alertmanager:9093\"#\"127.0.0.1:$am_port\"#" \
	-e "s#\"localhost:9090\"#\"127.0.0.1:$prom_port\"#" \
	-e "s#^  scrape_interval: .*#  scrape_interval: $scrape_interval#" \
	-e "s#^  evaluation_interval: .*#  evaluation_interval: $evaluation_interval#" \
	"$here/prometheus/prometheus.yml" > "$work/prometheus/prometheus.yml"

# Secrets: from the environment into the work directory, never into the repository.
umask 077
printf '%s' "${PAGERDUTY_ROUTING_KEY:-}" > "$work/alertmanager/secrets/pagerduty-routing-key"
printf '%s' "${SMTP_PASSWORD:-}" > "$work/alertmanager/secrets/smtp-password"
umask 022
sed -e "s#/etc/alertmanager/secrets/#$work/alertmanager/secrets/#g" \
	"${ALERTMANAGER_CONFIG:-$here/alertmanager/alertmanager.yml}" > "$work/alertmanager/alertmanager.yml"

pids=()
cleanup() {
	for pid in "${pids[@]}"; do
		kill "$pid" 2> /dev/null || true
	done
	wait 2> /dev/null || true
}
trap cleanup EXIT INT TERM

prometheus-alertmanager \
	--config.file="$work/alertmanager/alertmanager.yml" \
	--storage.path="$work/alertmanager-data" \
	--web.listen-address="127.0.0.1:$am_port" \
	--cluster.listen-address="" \
	> "$work/alertmanager.log" 2>&1 &
pids+=("$!")

prometheus \
	--config.file="$work/prometheus/prometheus.yml" \
	--storage.tsdb.path="$work/prometheus-data" \
	--storage.tsdb.retention.time=35d \
	--web.listen-address="127.0.0.1:$prom_port" \
	--web.enable-lifecycle \
	> "$work/prometheus.log" 2>&1 &
pids+=("$!")

if command -v grafana-server > /dev/null 2>&1; then
	if [ -z "${GRAFANA_ADMIN_PASSWORD:-}" ]; then
		echo "run-local.sh: grafana-server is installed; set GRAFANA_ADMIN_PASSWORD to start it" >&2
	else
		mkdir -p "$work/grafana/provisioning" "$work/grafana-data"
		cp -r "$here/grafana/provisioning/." "$work/grafana/provisioning/"
		sed -i "s#/var/lib/grafana/dashboards#$here/grafana/dashboards#" \
			"$work/grafana/provisioning/dashboards/dashboards.yml"
		PROMETHEUS_URL="http://127.0.0.1:$prom_port" \
			GF_SECURITY_ADMIN_PASSWORD="$GRAFANA_ADMIN_PASSWORD" \
			GF_PATHS_PROVISIONING="$work/grafana/provisioning" \
			GF_PATHS_DATA="$work/grafana-data" \
			GF_SERVER_HTTP_PORT="$grafana_port" \
			grafana-server --homepath /usr/share/grafana > "$work/grafana.log" 2>&1 &
		pids+=("$!")
		echo "Grafana:      http://localhost:$grafana_port (admin / \$GRAFANA_ADMIN_PASSWORD)"
	fi
fi

echo "Prometheus:   http://localhost:$prom_port   (scraping $app_target)"
echo "Alertmanager: http://localhost:$am_port"
echo "Work dir:     $work (configuration, data and logs)"

# Stop when either server stops, so a bad configuration does not go unnoticed.
wait -n "${pids[@]}"
echo "run-local.sh: a server exited; see the logs in $work" >&2
exit 1
