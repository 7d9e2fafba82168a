// The audit sink of a core context: where the orchestration path reports sign-ins, refreshes, credential and token
// fetches, file writes and logouts. A context may carry its own (tests); otherwise settings.audit_log decides, and
// without it nothing is recorded. Recording never fails the operation: a log that cannot be written is a warning.
import { isAbsolute, join, resolve } from 'node:path';
import type { CoreContext } from '../context.ts';
import { homeDir, type Env } from '../paths.ts';
import { type AuditRecord, machineFacts } from './event.ts';
import { appendAuditEvent } from './log-file.ts';

/** Receives audit records. */
export interface AuditSink {
  record(record: AuditRecord): Promise<void>;
}

/** The sink that records nothing. */
export const noAudit: AuditSink = { record: async () => {} };

/** settings.audit_log as a path: `~/` is the home directory, a relative path is relative to the config file. */
export function auditLogPath(setting: string, configSource: string | undefined, env: Env, cwd: string): string {
  if (setting === '~' || setting.startsWith('~/')) return join(homeDir(env), setting.slice(1));
  if (isAbsolute(setting)) return setting;
  return resolve(configSource ? join(configSource, '..') : cwd, setting);
}

/** A sink appending JSON lines to path, stamped with the context's clock and this machine's facts. */
export function fileAuditSink(ctx: Pick<CoreContext, 'env' | 'now'>, path: string, maxBytes?: number): AuditSink {
  return {
    record: (record) => appendAuditEvent(ctx.env, path, { time: new Date(ctx.now()).toISOString(), ...record, ...machineFacts(ctx.env) }, maxBytes),
  };
}

/** The context's sink: its own, else the file of settings.audit_log, else none. */
export function auditOf(ctx: CoreContext): AuditSink {
  if (ctx.audit) return ctx.audit;
  const setting = ctx.config.settings.auditLog;
  return setting ? fileAuditSink(ctx, auditLogPath(setting, ctx.config.source, ctx.env, ctx.cwd)) : noAudit;
}

/** Audit logs already warned about in this process: one warning each, not one per event. */
const warned = new Set<string>();

/** Records one event; a failure to record is a warning (once per log), never the operation's failure. */
export async function audit(ctx: CoreContext, record: AuditRecord): Promise<void> {
  try {
    await auditOf(ctx).record(record);
  } catch (error) {
    const setting = ctx.config.settings.auditLog;
    const where = ctx.audit || !setting ? 'the audit log' : `the audit log ${auditLogPath(setting, ctx.config.source, ctx.env, ctx.cwd)}`;
    if (warned.has(where)) return;
    warned.add(where);
    ctx.log.warn(`could not append to ${where} (${(error as { code?: string }).code ?? (error as Error).message}); the operation itself went on`);
  }
}
