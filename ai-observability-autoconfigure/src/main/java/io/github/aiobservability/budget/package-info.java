/**
 * Spending budgets: limits per application or per request tag value, enforced before
 * ChatClient calls, with spend kept in memory or shared through Redis.
 */
@NullMarked
package io.github.aiobservability.budget;

import org.jspecify.annotations.NullMarked;
