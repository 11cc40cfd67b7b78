/**
 * Demo traffic that fills the metrics when the sample runs on its embedded provider.
 */
@NullMarked
package io.github.aiobservability.sample.traffic;

import org.jspecify.annotations.NullMarked;
