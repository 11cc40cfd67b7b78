#!/usr/bin/env bash
# Runs the monitoring stack without Docker, from the machine's packages, against an
# application that is already running (by default the sample app on localhost:8080):
#
#   sudo apt-get install -y prometheus prometheus-alertmanager
#   mvn -pl sample-app -am spring-boot:run &        # in another terminal
#   monitoring/run-local.sh                          # Ctrl-C stops it all
#
# Prometheus on :9090 uses the shipped rules and sends every alert to two Alertmanagers,
# on :9093 and :9095, clustered (gossip on :9094 and :9096) as the compose stack runs
# them: one may stop and the other delivers, and a page goes out once (see
# monitoring/README.md). Grafana on :3000 is started too when grafana-server is installed
# (GRAFANA_ADMIN_PASSWORD must be set). Secrets come from the environment and are written
# to the work directory only:
#   PAGERDUTY_ROUTING_KEY, SMTP_PASSWORD
#
# Other settings, all optional:
#   APP_TARGET (localhost:8080)  PROM_PORT (9090)  GRAFANA_PORT (3000)
#   AM_PORT (9093)  AM2_PORT (9095)  AM_CLUSTER_PORT (9094)  AM2_CLUSTER_PORT (9096)
#   AM_PEER_TIMEOUT (15s)  how long the second Alertmanager waits for the first to notify
#   SCRAPE_INTERVAL (15s)  EVALUATION_INTERVAL (15s)
#   ALERTMANAGER_CONFIG   another routing file, for example one pointing at a test webhook
#   WORK_DIR              where configuration and data go (a new temporary directory)
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
app_target="${APP_TARGET:-${1:-localhost:8080}}"
prom_port="${PROM_PORT:-9090}"
am_port="${AM_PORT:-9093}"
am2_port="${AM2_PORT:-9095}"
am_cluster_port="${AM_CLUSTER_PORT:-9094}"
am2_cluster_port="${AM2_CLUSTER_PORT:-9096}"
am_peer_timeout="${AM_PEER_TIMEOUT:-15s}"
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

mkdir -p "$work/prometheus/rules" "$work/alertmanager/secrets" "$work/prometheus-data"
cp "$here"/prometheus/rules/*.yml "$work/prometheus/rules/"

# The shipped configuration with its targets and intervals pointed at this machine: one
# application instance, so the compose stack's second sample instance goes.
sed -e "s#\"sample-app:8080\"#\"$app_target\"#" \
	-e "/\"sample-app-2:8080\"/d" \
	-e "s#\"alertmanager:9093\"#\"127.0.0.1:$am_port\"#" \
	-e "s#\"alertmanager-2:9093\"#\"127.0.0.1:$am2_port\"#" \
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
alertmanagers=()
cleanup() {
	for pid in "${pids[@]}"; do
		kill "$pid" 2> /dev/null || true
	done
	wait 2> /dev/null || true
}
trap cleanup EXIT INT TERM

# One member of the Alertmanager pair: name, web port, gossip port, the other's gossip port.
start_alertmanager() {
	mkdir -p "$work/$1-data"
	prometheus-alertmanager \
		--config.file="$work/alertmanager/alertmanager.yml" \
		--storage.path="$work/$1-data" \
		--web.listen-address="127.0.0.1:$2" \
		--cluster.listen-address="127.0.0.1:$3" \
		--cluster.peer="127.0.0.1:$4" \
		--cluster.peer-timeout="$am_peer_timeout" \
		> "$work/$1.log" 2>&1 &
	pids+=("$!")
	alertmanagers+=("$!")
}
start_alertmanager alertmanager "$am_port" "$am_cluster_port" "$am2_cluster_port"
start_alertmanager alertmanager-2 "$am2_port" "$am2_cluster_port" "$am_cluster_port"

prometheus \
	--config.file="$work/prometheus/prometheus.yml" \
	--storage.tsdb.path="$work/prometheus-data" \
	--storage.tsdb.retention.time=35d \
	--web.listen-address="127.0.0.1:$prom_port" \
	--web.enable-lifecycle \
	> "$work/prometheus.log" 2>&1 &
pids+=("$!")
others=("$!")

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
		others+=("$!")
		echo "Grafana:      http://localhost:$grafana_port (admin / \$GRAFANA_ADMIN_PASSWORD)"
	fi
fi

echo "Prometheus:   http://localhost:$prom_port   (scraping $app_target)"
echo "Alertmanager: http://localhost:$am_port and http://localhost:$am2_port (clustered)"
echo "Work dir:     $work (configuration, data and logs)"

# Stop when Prometheus, Grafana or both Alertmanagers stop, so a bad configuration does not
# go unnoticed. One Alertmanager may stop: the other delivers every alert, which is what
# the pair is for.
told=""
while true; do
	for pid in "${others[@]}"; do
		if ! kill -0 "$pid" 2> /dev/null; then
			echo "run-local.sh: a server exited; see the logs in $work" >&2
			exit 1
		fi
	done
	alive=0
	for pid in "${alertmanagers[@]}"; do
		if kill -0 "$pid" 2> /dev/null; then
			alive=$((alive + 1))
		fi
	done
	if [ "$alive" -eq 0 ]; then
		echo "run-local.sh: both Alertmanagers exited; see the logs in $work" >&2
		exit 1
	fi
	if [ "$alive" -lt "${#alertmanagers[@]}" ] && [ -z "$told" ]; then
		echo "run-local.sh: an Alertmanager exited; the other one goes on delivering (logs in $work)" >&2
		told=yes
	fi
	sleep 1
done
