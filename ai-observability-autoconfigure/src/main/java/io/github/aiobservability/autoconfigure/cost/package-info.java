/**
 * Auto-configuration of cost: prices, the built-in catalogue and currency conversion.
 */
@NullMarked
package io.github.aiobservability.autoconfigure.cost;

import org.jspecify.annotations.NullMarked;
