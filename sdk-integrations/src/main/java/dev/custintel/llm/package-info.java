/**
 * A chat model as a translator of questions into typed queries: {@link dev.custintel.llm.ChatQueryTranslator}, over
 * an OpenAI-compatible API, off unless configured.
 */
@NullMarked
package dev.custintel.llm;

import org.jspecify.annotations.NullMarked;
