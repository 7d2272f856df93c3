import type { JudgedChange } from './judge-usage';
import type { PlanSummary } from './plan-summary';
import type { CheckReport } from './run-check';

const indent = (text: string, by: string): string =>
  text
    .split('\n')
    .map((line) => by + line)
    .join('\n');

function changeLines(change: JudgedChange): string[] {
  const label = change.severity.toUpperCase().padEnd(9);
  const lines = [`  ${label} ${change.message}${change.path ? `  [${change.path}]` : ''}`];
  if (change.severity === 'breaking' && change.affected.length === 0)
    lines.push('            no recorded operation uses it: passes');
  for (const operation of change.affected)
    lines.push(`            breaks ${operation.name} for ${operation.clients.join('; ')}`);
  return lines;
}

const planLine = (plan: PlanSummary): string =>
  `${plan.subgraphs.join(', ') || 'no subgraph'}: ${plan.fetches} fetch(es), sequential depth ${plan.depth}`;

function changesSection(report: CheckReport): string[] {
  const count = (severity: string) => report.changes.filter((change) => change.severity === severity).length;
  const head = `API schema changes: ${count('breaking')} breaking, ${count('dangerous')} dangerous, ${count('safe')} safe`;
  return [head, ...report.changes.flatMap(changeLines)];
}

function invalidSection(report: CheckReport): string[] {
  if (report.invalidOperations.length === 0) return [];
  return [
    `Recorded operations the new schema refuses: ${report.invalidOperations.length}`,
    ...report.invalidOperations.flatMap((operation) => [
      `  ${operation.name}, sent by ${operation.clients.join('; ')}`,
      ...operation.errors.map((error) => `    ${error}`),
    ]),
  ];
}

function planSection(report: CheckReport): string[] {
  if (report.planChanges.length === 0) return ['Query plans: no recorded operation plans differently'];
  // the outline shows the shape; --json carries each plan in full
  return [
    `Query plans that change: ${report.planChanges.length}`,
    ...report.planChanges.flatMap(({ name, before, after }) => [
      `  ${name}`,
      `    before  ${planLine(before)}`,
      `    after   ${planLine(after)}`,
      ...before.outline.map((line) => `      before | ${line}`),
      ...after.outline.map((line) => `      after  | ${line}`),
    ]),
  ];
}

function verdict(report: CheckReport): string {
  if (!report.composition.ok) return 'FAILED: the subgraphs do not compose';
  if (report.ok) return 'OK: nothing a recorded operation uses breaks';
  const breaking = report.changes.filter((change) => change.affected.length > 0).length;
  return `REFUSED: ${breaking} breaking change(s) and ${report.invalidOperations.length} refused operation(s) affect recorded clients`;
}

/** The report for a person reading CI output. */
export function formatReport(report: CheckReport): string {
  const { composition } = report;
  const lines = [
    composition.ok ? 'Composition: ok' : `Composition: ${composition.errors.length} error(s)`,
    ...composition.errors.map((error) => `  ${indent(`error [${error.code}] ${error.message}`, '    ').trimStart()}`),
    // a hint's first line says what it is about; --json carries the whole text
    ...composition.hints.map((hint) => `  hint [${hint.code}] ${hint.message.split('\n')[0] ?? ''}`),
  ];
  if (composition.ok) {
    lines.push(`Recorded operations checked: ${report.operationsChecked}`);
    lines.push(...changesSection(report), ...invalidSection(report), ...planSection(report));
  }
  lines.push(verdict(report));
  return lines.join('\n');
}
