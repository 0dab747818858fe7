import type { CheckResult, Verdict } from './check-types.js';
import type { FileReport } from './grade-file.js';
import { policyNames } from './policy-inference.js';

const verdictLabels: Record<Verdict, string> = { pass: 'pass', fail: 'FAIL', crash: 'CRASH', timeout: 'TIMEOUT' };

export interface Tally {
  checks: number;
  pass: number;
  fail: number;
  crash: number;
  timeout: number;
}

export function tally(results: readonly CheckResult[]): Tally {
  const count = (verdict: Verdict) => results.filter((result) => result.verdict === verdict).length;
  return { checks: results.length, pass: count('pass'), fail: count('fail'), crash: count('crash'), timeout: count('timeout') };
}

function partText(report: FileReport): string {
  const student = report.student!;
  const from = { flag: 'from --part', name: "from the file's name", default: 'the default; --part b for Part B' }[student.partFrom];
  return `Part ${student.part.toUpperCase()} (${from})`;
}

function policyOf(report: FileReport): string | null {
  const finding = report.results.find((result) => result.policy)?.policy;
  if (!finding || finding.decisive === 0) return null;
  if (finding.matches.length > 0) return finding.matches.map((policy) => `${policy} fit`).join(' / ');
  const closest = [...policyNames].sort((a, b) => finding.agreement[b] - finding.agreement[a])[0]!;
  return `closest to ${closest} fit`;
}

function tallyText(counts: Tally): string {
  const parts = [`${counts.pass} passed`];
  if (counts.fail) parts.push(`${counts.fail} failed`);
  if (counts.crash) parts.push(`${counts.crash} crashed`);
  if (counts.timeout) parts.push(`${counts.timeout} timed out`);
  return `${parts.join(', ')} of ${counts.checks}`;
}

/** One file's report: a line per check (verdict, name, what was verified or expected and seen). */
export function humanReport(report: FileReport): string {
  if (report.error) {
    // Most messages already start with the file's name.
    const message = report.error.message.startsWith(report.file) ? report.error.message : `${report.file}: ${report.error.message}`;
    const lines = [message];
    for (const line of report.error.diagnostics) lines.push(`  ${line}`);
    return `${lines.join('\n')}\n`;
  }
  const width = Math.max(...report.results.map((result) => result.check.length));
  const lines = [`${report.file}: ${partText(report)}`];
  for (const result of report.results) {
    lines.push(`  ${verdictLabels[result.verdict].padEnd(7)}  ${result.check.padEnd(width)}  ${result.detail}`);
  }
  const policy = policyOf(report);
  lines.push(`  ${tallyText(tally(report.results))}${policy ? `; placement policy: ${policy}` : ''}`);
  return `${lines.join('\n')}\n`;
}

/** The table after several files: a teacher's view of a folder of submissions. */
export function summaryTable(reports: readonly FileReport[]): string {
  const rows = reports.map((report) => {
    if (report.error) {
      const what = report.error.kind === 'compile' ? 'does not compile' : 'not graded';
      return [report.file, report.student ? report.student.part.toUpperCase() : '-', '-', '-', '-', '-', `${what} (${report.error.kind})`];
    }
    const counts = tally(report.results);
    const result = counts.pass === counts.checks ? 'all passed' : `${counts.checks - counts.pass} of ${counts.checks} not passed`;
    return [report.file, report.student!.part.toUpperCase(), String(counts.pass), String(counts.fail), String(counts.crash), String(counts.timeout), result];
  });
  const header = ['file', 'part', 'pass', 'fail', 'crash', 'timeout', 'result'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const format = (row: string[]) => row.map((cell, column) => (column >= 2 && column <= 5 ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!))).join('  ').trimEnd();
  return `${[format(header), ...rows.map(format)].join('\n')}\n`;
}

/** JSON Lines: one object per check, then one summary object for the file. */
export function jsonReport(report: FileReport): string {
  const lines = report.results.map((result) => JSON.stringify({
    file: report.file,
    check: result.check,
    verdict: result.verdict,
    detail: result.detail,
    ...(result.crash ? { crash: result.crash } : {}),
  }));
  const counts = tally(report.results);
  const finding = report.results.find((result) => result.policy)?.policy;
  lines.push(JSON.stringify({
    summary: {
      file: report.file,
      part: report.student?.part ?? null,
      ...counts,
      policy: finding ? { matches: finding.matches, decisive: finding.decisive, agreement: finding.agreement } : null,
      error: report.error ? { kind: report.error.kind, message: report.error.message, diagnostics: report.error.diagnostics } : null,
    },
  }));
  return `${lines.join('\n')}\n`;
}

/** 0 every check of every file passed; 1 some check did not; 2 a file could not be graded. */
export function exitStatus(reports: readonly FileReport[]): number {
  if (reports.some((report) => report.error)) return 2;
  return reports.every((report) => report.results.every((result) => result.verdict === 'pass')) ? 0 : 1;
}
