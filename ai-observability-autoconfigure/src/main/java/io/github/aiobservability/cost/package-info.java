/**
 * Turning tokens into money: prices per model (configured and from the built-in
 * catalogue), currency conversion, and the cost of one round-trip.
 */
@NullMarked
package io.github.aiobservability.cost;

import org.jspecify.annotations.NullMarked;
