/**
 * Auto-configuration of the alert thresholds exported as gauges for the shipped alert
 * rules.
 */
@NullMarked
package io.github.aiobservability.autoconfigure.thresholds;

import org.jspecify.annotations.NullMarked;
