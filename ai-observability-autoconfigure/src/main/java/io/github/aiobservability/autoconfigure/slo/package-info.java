/**
 * Service level objectives ({@code ai.observability.slos}): their checks, and the gauges
 * that export them for the shipped burn-rate alerts.
 */
@NullMarked
package io.github.aiobservability.autoconfigure.slo;

import org.jspecify.annotations.NullMarked;
