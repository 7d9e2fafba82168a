// Writing results: lines and tables for people, JSON for machines (stdout); warnings and notes on stderr.
import type { Logger } from '../core/context.ts';
import type { TextSink } from './io.ts';
import { printableText } from '../core/printable.ts';

/** Where a command writes. stdout carries the result only; everything else goes to stderr. */
export interface Output {
  line(text?: string): void;
  json(value: unknown): void;
  warn(text: string): void;
  note(text: string): void;
}

/** An Output over two sinks. */
export function createOutput(stdout: TextSink, stderr: TextSink): Output {
  return {
    // every line for people goes through printableText: a name can never carry a terminal control sequence
    line: (text = '') => void stdout.write(`${printableText(text)}\n`),
    json: (value) => void stdout.write(`${JSON.stringify(value, null, 2)}\n`),
    warn: (text) => void stderr.write(`warning: ${printableText(text)}\n`),
    note: (text) => void stderr.write(`${printableText(text)}\n`),
  };
}

/** The Logger the core gets: info and warnings to stderr, verbose lines only with --verbose. */
export function stderrLogger(stderr: TextSink, verbose: boolean): Logger {
  return {
    info: (message) => void stderr.write(`${printableText(message)}\n`),
    warn: (message) => void stderr.write(`warning: ${printableText(message)}\n`),
    verbose: (message) => void (verbose ? stderr.write(`  · ${printableText(message)}\n`) : undefined),
  };
}

/** Columns padded to their widest cell; the last column is not padded. */
export function renderTable(rows: string[][]): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, [...cell].length)));
  const pad = (cell: string, i: number) => cell.padEnd(widths[i]! + cell.length - [...cell].length);
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : pad(cell, i))).join('  ').trimEnd());
}
