/**
 * Small utilities shared by the instrumentation: one-time logging and name patterns.
 */
@NullMarked
package io.github.aiobservability.support;

import org.jspecify.annotations.NullMarked;
