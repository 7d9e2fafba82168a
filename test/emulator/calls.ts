// The call log (what tests count) and the fault table (what tests inject), keyed by operation name.
import type { CallLogEntry, Fault, OpName } from './types.ts';

interface ArmedFault {
  fault: Fault;
  remaining: number;
}

/** Records every answered request and hands out injected faults. */
export class CallRecorder {
  #log: CallLogEntry[] = [];
  readonly #faults = new Map<OpName, ArmedFault>();

  /** A copy of the log, oldest first. */
  get log(): readonly CallLogEntry[] {
    return [...this.#log];
  }

  record(entry: CallLogEntry): void {
    this.#log.push(entry);
  }

  /** Requests of `op`, or of every operation when omitted. */
  count(op?: OpName): number {
    return op === undefined ? this.#log.length : this.#log.filter((e) => e.op === op).length;
  }

  reset(): void {
    this.#log = [];
  }

  /** Arms `fault` for `op`, replacing any fault armed for it. */
  arm(op: OpName, fault: Fault): void {
    const remaining = fault.times ?? Number.POSITIVE_INFINITY;
    if (remaining > 0) this.#faults.set(op, { fault, remaining });
    else this.#faults.delete(op);
  }

  clear(): void {
    this.#faults.clear();
  }

  /** The fault to apply to this request of `op`, if one is armed; counts it down. */
  take(op: OpName): Fault | undefined {
    const armed = this.#faults.get(op);
    if (!armed) return undefined;
    armed.remaining -= 1;
    if (armed.remaining <= 0) this.#faults.delete(op);
    return armed.fault;
  }
}
