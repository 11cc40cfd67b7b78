/**
 * Auto-configuration of spending budgets.
 */
@NullMarked
package io.github.aiobservability.autoconfigure.budget;

import org.jspecify.annotations.NullMarked;
