/**
 * JMH benchmarks: what the starter adds to a chat call, beside what Spring AI's own
 * observation adds, measured in the same run.
 */
@NullMarked
package io.github.aiobservability.benchmarks;

import org.jspecify.annotations.NullMarked;
