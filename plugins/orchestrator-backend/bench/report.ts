/*
 * The orchestrator's benches' reports: the machine they ran on, their
 * figures as a Markdown table, and their exit code.
 */
import { cpus, totalmem } from 'node:os';

/** `1.23 s` */
export const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** `2 × <CPU model>, 24 GiB, Node v20…`: the machine, for a bench's header. */
export function machine(): string {
  const cpu = cpus();
  return `${cpu.length} × ${cpu[0]?.model ?? 'CPU'}, ${Math.round(
    totalmem() / 2 ** 30,
  )} GiB, Node ${process.version}`;
}

/** One line of a bench's report. */
export interface Row {
  figure: string;
  value: string;
  target: string;
  ok: boolean;
}

/** Prints the rows as a Markdown table. */
export function printTable(rows: Row[]) {
  const header = ['figure', 'value', 'target', ''];
  const cells = rows.map(r => [
    r.figure,
    r.value,
    r.target,
    r.ok ? 'ok' : 'FAILED',
  ]);
  const widths = header.map((h, i) =>
    Math.max(h.length, ...cells.map(c => c[i].length)),
  );
  const line = (c: string[]) =>
    `| ${c.map((v, i) => v.padEnd(widths[i])).join(' | ')} |`;
  console.log(line(header));
  console.log(`| ${widths.map(w => '-'.repeat(w)).join(' | ')} |`);
  for (const c of cells) console.log(line(c));
}

/** Reports what broke a bench off; true, the bench has failed. */
export function brokeOff(error: unknown): true {
  console.error(`The bench broke off: ${(error as Error).stack ?? error}`);
  return true;
}

/** Ends the process: 0 when nothing broke and every row is ok. */
export function exitWith(rows: Row[], failed: boolean): never {
  const ok = !failed && rows.every(r => r.ok);
  console.log(ok ? '\nEvery target and count met.' : '\nFAILED.');
  return process.exit(ok ? 0 : 1);
}
