import { initialTransition, transition, type AnyStateMachine, type StateNode } from 'xstate';
import {
  deliveryMachineV1,
  type DeliveryContext,
  type DeliveryEvent,
  type DeliveryEventType,
} from './delivery-machine.v1.js';

export const PROGRESS_STATES = [
  'sent',
  'received',
  'acknowledged',
  'forwarded',
  'done',
  'closed',
  'recalled',
  'superseded',
] as const;
export type ProgressState = (typeof PROGRESS_STATES)[number];

/** The states in which a recipient still owes the circular's action (reminded, made late). */
export const OWING_STATES: readonly ProgressState[] = [
  'sent',
  'received',
  'acknowledged',
  'forwarded',
];

export const TIMELINESS_STATES = ['on_time', 'overdue', 'escalated'] as const;
export type TimelinessState = (typeof TIMELINESS_STATES)[number];

export const DELIVERY_EVENT_TYPES: readonly DeliveryEventType[] = [
  'RECEIVE',
  'ACKNOWLEDGE',
  'INSTRUCT',
  'FORWARD',
  'REPORT_DONE',
  'CLOSE',
  'REOPEN',
  'RECALL',
  'SUPERSEDE',
  'DEADLINE_MISSED',
  'ESCALATE',
  'DEADLINE_EXTENDED',
];

export const STATE_LABEL_TH: Record<ProgressState | TimelinessState, string> = {
  sent: 'ส่งแล้ว รอลงรับ',
  received: 'ลงรับแล้ว',
  acknowledged: 'รับทราบแล้ว',
  forwarded: 'ส่งต่อแล้ว',
  done: 'ดำเนินการแล้ว',
  closed: 'ปิดเรื่องแล้ว',
  recalled: 'ถูกเรียกคืน',
  superseded: 'ถูกแทนที่ด้วยฉบับแก้ไข',
  on_time: 'ภายในกำหนด',
  overdue: 'เกินกำหนด',
  escalated: 'รายงานผู้กำกับดูแลแล้ว',
};

export const EVENT_LABEL_TH: Record<DeliveryEventType, string> = {
  RECEIVE: 'ลงรับ',
  ACKNOWLEDGE: 'รับทราบ',
  INSTRUCT: 'สั่งการ',
  FORWARD: 'ส่งต่อ',
  REPORT_DONE: 'รายงานผลการดำเนินการ',
  CLOSE: 'ปิดเรื่อง',
  REOPEN: 'เปิดเรื่องใหม่',
  RECALL: 'เรียกคืน',
  SUPERSEDE: 'แทนที่ด้วยฉบับแก้ไข',
  DEADLINE_MISSED: 'บันทึกว่าเกินกำหนด',
  ESCALATE: 'รายงานผู้กำกับดูแล',
  DEADLINE_EXTENDED: 'ขยายกำหนด',
};

/** A delivery's state as stored: XState's persisted snapshot of a machine version. */
export interface PersistedDelivery {
  status: string;
  value: { progress: ProgressState; timeliness: TimelinessState };
  context: DeliveryContext;
  [key: string]: unknown;
}

/** An explicit migration of running deliveries from one machine version to the next. */
export interface DeliveryUpgrade {
  from: number;
  to: number;
  migrate(snapshot: PersistedDelivery): PersistedDelivery;
}

export type TransitionResult =
  | { ok: true; next: PersistedDelivery }
  | { ok: false; allowedIn: Array<ProgressState | TimelinessState> };

/**
 * The versions of the delivery workflow. A version is never changed once deliveries run on
 * it: a new version is added, and running deliveries stay on theirs unless an upgrade moves
 * them explicitly.
 */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

export class DeliveryWorkflow {
  constructor(
    private readonly machines: ReadonlyMap<number, AnyStateMachine>,
    readonly current: number,
    private readonly upgrades: readonly DeliveryUpgrade[] = [],
  ) {}

  has(version: number): boolean {
    return this.machines.has(version);
  }

  versions(): number[] {
    return [...this.machines.keys()].sort((a, b) => a - b);
  }

  private readonly initials = new Map<number, PersistedDelivery>();

  /** The persisted initial snapshot of a version (computed once, frozen). */
  initial(version = this.current): PersistedDelivery {
    let initial = this.initials.get(version);
    if (initial === undefined) {
      const machine = this.machine(version);
      const [snapshot] = initialTransition(machine);
      initial = deepFreeze(machine.getPersistedSnapshot(snapshot) as unknown as PersistedDelivery);
      this.initials.set(version, initial);
    }
    return initial;
  }

  /**
   * Outcomes by (version, state, context, event): a machine is a pure function of them (no
   * clocks, no randomness, context counters only), and deliveries share few distinct states,
   * so each is computed once (XState was ~5 % of the fan-out's Node time). Outcomes are frozen.
   */
  private readonly outcomes = new Map<string, TransitionResult>();

  apply(version: number, stored: PersistedDelivery, event: DeliveryEvent): TransitionResult {
    const key = `${version}|${JSON.stringify(stored.value)}|${JSON.stringify(stored.context)}|${JSON.stringify(event)}`;
    let outcome = this.outcomes.get(key);
    if (outcome === undefined) {
      outcome = deepFreeze(this.compute(version, stored, event));
      if (this.outcomes.size >= 10_000) this.outcomes.clear();
      this.outcomes.set(key, outcome);
    }
    return outcome;
  }

  private compute(
    version: number,
    stored: PersistedDelivery,
    event: DeliveryEvent,
  ): TransitionResult {
    const machine = this.machine(version);
    const snapshot = machine.resolveState({ value: stored.value, context: stored.context });
    const [next] = transition(machine, snapshot, event);
    // XState returns the same snapshot when no transition was enabled.
    if (next === snapshot)
      return { ok: false, allowedIn: this.statesAccepting(version, event.type) };
    return { ok: true, next: machine.getPersistedSnapshot(next) as unknown as PersistedDelivery };
  }

  /** The states (of either region) in which `type` may be taken, for refusal messages. */
  statesAccepting(
    version: number,
    type: DeliveryEventType,
  ): Array<ProgressState | TimelinessState> {
    const machine = this.machine(version);
    const found: Array<ProgressState | TimelinessState> = [];
    for (const region of ['progress', 'timeliness'] as const) {
      const states = (machine.root.states[region] as StateNode).states;
      for (const [key, node] of Object.entries(states)) {
        if (node.ownEvents.includes(type)) found.push(key as ProgressState | TimelinessState);
      }
    }
    return found;
  }

  /** Moves a stored snapshot from `from` to `to` through the declared upgrades. */
  upgrade(stored: PersistedDelivery, from: number, to: number): PersistedDelivery {
    let snapshot = stored;
    let version = from;
    while (version < to) {
      const step = this.upgrades.find((u) => u.from === version);
      if (step === undefined)
        throw new Error(`no upgrade declared from delivery machine v${version}`);
      snapshot = step.migrate(snapshot);
      version = step.to;
    }
    if (version !== to) throw new Error(`upgrades from v${from} do not reach v${to}`);
    return snapshot;
  }

  /** Checks every version at boot: states, events and reachability. Returns the problems. */
  validate(): string[] {
    const problems: string[] = [];
    if (!this.machines.has(this.current))
      problems.push(`current version v${this.current} is not declared`);
    for (const [version, machine] of this.machines) {
      const where = `delivery machine v${version}`;
      if (machine.id !== 'delivery') problems.push(`${where}: id must be 'delivery'`);
      for (const [region, expected] of [
        ['progress', PROGRESS_STATES],
        ['timeliness', TIMELINESS_STATES],
      ] as const) {
        const node = machine.root.states[region] as StateNode | undefined;
        if (node === undefined) {
          problems.push(`${where}: region '${region}' is missing`);
          continue;
        }
        const actual = Object.keys(node.states);
        for (const state of expected)
          if (!actual.includes(state))
            problems.push(`${where}: state ${region}.${state} is missing`);
        for (const state of actual)
          if (!(expected as readonly string[]).includes(state))
            problems.push(`${where}: state ${region}.${state} has no label or column value`);
        problems.push(...this.unreachable(where, region, node));
      }
      for (const type of DELIVERY_EVENT_TYPES)
        if (this.statesAccepting(version, type).length === 0)
          problems.push(`${where}: event ${type} is accepted nowhere`);
      try {
        this.initial(version);
      } catch (error) {
        problems.push(`${where}: no initial state (${String(error)})`);
      }
    }
    for (const upgrade of this.upgrades) {
      if (!this.machines.has(upgrade.from) || !this.machines.has(upgrade.to))
        problems.push(`upgrade v${upgrade.from}→v${upgrade.to} names an undeclared version`);
    }
    return problems;
  }

  private unreachable(where: string, region: string, node: StateNode): string[] {
    const initialKey = node.config.initial;
    if (typeof initialKey !== 'string')
      return [`${where}: region '${region}' has no initial state`];
    const seen = new Set<string>([initialKey]);
    const queue = [initialKey];
    while (queue.length > 0) {
      const key = queue.shift()!;
      const child = node.states[key];
      for (const transitions of child.transitions.values()) {
        for (const t of transitions) {
          for (const target of t.target ?? []) {
            if (target.parent === node && !seen.has(target.key)) {
              seen.add(target.key);
              queue.push(target.key);
            }
          }
        }
      }
    }
    return Object.keys(node.states)
      .filter((key) => !seen.has(key))
      .map((key) => `${where}: state ${region}.${key} cannot be reached`);
  }

  private machine(version: number): AnyStateMachine {
    const machine = this.machines.get(version);
    if (machine === undefined) throw new UnknownMachineVersionError(version, this.versions());
    return machine;
  }
}

export class UnknownMachineVersionError extends Error {
  constructor(
    readonly version: number,
    readonly known: number[],
  ) {
    super(
      `delivery machine v${version} does not exist (known: ${known.map((v) => `v${v}`).join(', ')})`,
    );
  }
}

export const CURRENT_DELIVERY_MACHINE_VERSION = 1;

/** The workflow wian runs: every declared version. */
export const DELIVERY_WORKFLOW = new DeliveryWorkflow(
  new Map<number, AnyStateMachine>([[1, deliveryMachineV1]]),
  CURRENT_DELIVERY_MACHINE_VERSION,
  [],
);
