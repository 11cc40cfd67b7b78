/**
 * What the OpenAI SDK reports beyond Spring AI's generic usage: reasoning tokens.
 */
@NullMarked
package io.github.aiobservability.openai;

import org.jspecify.annotations.NullMarked;
