// Without promtool, the few structural checks a PromQL expression can get offline.

const KEYWORDS = new Set(['and', 'or', 'unless', 'bool', 'offset']);

/** The metric names an expression reads (`rate(shopgraph_x_total{a="b"}[5m])` → shopgraph_x_total). */
export function metricNames(expr: string): string[] {
  const cleaned = expr
    .replaceAll(/"[^"]*"/g, '""')
    .replaceAll(/\{[^}]*\}/g, '{}')
    .replaceAll(/\[[^\]]*\]/g, '[]')
    .replaceAll(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ');
  return [...cleaned.matchAll(/([a-zA-Z_:][\w:]*)(\s*\()?/g)]
    .filter(([, name, call]) => call === undefined && name !== undefined && !KEYWORDS.has(name))
    .map(([, name]) => name ?? '');
}

/** True when brackets, braces and parentheses pair up and quotes close: what a typo breaks first. */
export function promqlLooksBalanced(expr: string): boolean {
  if (expr.trim() === '') return false;
  const closing: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
  const stack: string[] = [];
  for (const char of expr.replaceAll(/"[^"\n]*"/g, 's')) {
    if (char === '"') return false;
    if ('([{'.includes(char)) stack.push(char);
    else if (char in closing && stack.pop() !== closing[char]) return false;
  }
  return stack.length === 0;
}

/** A vector selector of an expression: the metric it names and the labels it matches on. */
export interface Selector {
  readonly metric: string;
  readonly labels: string[];
}

/** Each `metric{label="…", …}` of an expression (`rate(a{b=~"c"}[5m])` → a with [b]). */
export function selectors(expr: string): Selector[] {
  const unquoted = expr.replaceAll(/"[^"]*"/g, '""');
  return [...unquoted.matchAll(/([a-zA-Z_:][\w:]*)\s*\{([^}]*)\}/g)].map(([, metric = '', matchers = '']) => ({
    metric,
    labels: [...matchers.matchAll(/([a-zA-Z_]\w*)\s*(?:=~|!~|!=|=)/g)].map(([, label = '']) => label),
  }));
}

/** The labels an expression groups or matches by: `by (…)`, `without (…)`, `on (…)`, `ignoring (…)`. */
export function groupingLabels(expr: string): string[] {
  return [...expr.matchAll(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\(([^)]*)\)/g)].flatMap(
    ([, labels = '']) =>
      labels
        .split(',')
        .map((label) => label.trim())
        .filter(Boolean),
  );
}
