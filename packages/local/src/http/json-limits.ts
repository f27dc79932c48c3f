/**
 * Limits every JSON body obeys, whatever its operation: no nesting beyond Jackson's 1,000 levels
 * (Airbyte's parser refuses deeper documents; here they would overflow the stack of every
 * recursive step after parsing, from JSON.stringify to the secret masking), and nothing that
 * cannot be stored faithfully: NUL characters and unpaired surrogates (neither survives UTF-8,
 * SQLite text or PostgreSQL) and numbers beyond a double (JSON.parse makes them Infinity, which
 * would be stored as null). Neither check recurses, so 100,000 levels cost no stack.
 */

export const MAX_NESTING = 1000;

/** In a `u` pattern a surrogate pair is one code point, so this matches only unpaired halves. */
const LONE_SURROGATE = /\p{Cs}/u;
const OPEN = new Set([0x5b, 0x7b]); // [ {
const CLOSE = new Set([0x5d, 0x7d]); // ] }
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** Whether the JSON text nests arrays and objects deeper than `limit`, by one pass over it. */
export function nestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === BACKSLASH) i++;
      else if (code === QUOTE) inString = false;
    } else if (code === QUOTE) {
      inString = true;
    } else if (OPEN.has(code)) {
      if (++depth > limit) return true;
    } else if (CLOSE.has(code)) {
      depth--;
    }
  }
  return false;
}

/** The first value of a parsed document that cannot be stored faithfully, with its path, or undefined. */
export function unstorable(value: unknown, root: string): { path: string; problem: string } | undefined {
  const stack: { node: unknown; path: string }[] = [{ node: value, path: root }];
  while (stack.length > 0) {
    const { node, path } = stack.pop() as { node: unknown; path: string };
    if (typeof node === "string") {
      const problem = textProblem(node);
      if (problem) return { path, problem };
    } else if (typeof node === "number") {
      if (!Number.isFinite(node)) return { path, problem: "is a number too large to be held" };
    } else if (Array.isArray(node)) {
      node.forEach((child, i) => stack.push({ node: child, path: `${path}[${i}]` }));
    } else if (node !== null && typeof node === "object") {
      for (const [key, child] of Object.entries(node)) {
        const problem = textProblem(key);
        if (problem) return { path: `${path} (a property name)`, problem };
        stack.push({ node: child, path: `${path}.${key}` });
      }
    }
  }
  return undefined;
}

/** Why a string cannot be stored faithfully, or undefined. */
export function textProblem(text: string): string | undefined {
  if (text.includes("\u0000")) return "contains a NUL character";
  if (LONE_SURROGATE.test(text)) return "contains an unpaired UTF-16 surrogate";
  return undefined;
}
