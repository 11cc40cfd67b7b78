/**
 * Meters for AI API calls: names, labels, error classification and bounded label values.
 */
@NullMarked
package io.github.aiobservability.metrics;

import org.jspecify.annotations.NullMarked;
