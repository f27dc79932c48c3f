/**
 * Vitest's global setup: before any test file runs, the prerequisites are checked once. Under
 * CI a missing one ends the run at once, naming each; elsewhere one line says which suites
 * will skip and why, instead of a quiet count of skipped tests at the end.
 */
import { inCI, missingPrerequisites } from "./prerequisites.js";

export default function checkPrerequisites(): void {
  const missing = missingPrerequisites();
  if (missing.length === 0) return;
  const list = missing.map((entry) => entry.description).join("; ");
  if (inCI()) throw new Error(`CI=true and the test run lacks: ${list}.`);
  console.warn(`Skipping the suites that need what is missing here: ${list}.`);
}
