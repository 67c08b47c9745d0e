import { describe, expect, it } from '@jest/globals';
import { createMachine, type AnyStateMachine } from 'xstate';
import { deliveryMachineV1, type DeliveryEventType } from './delivery-machine.v1.js';
import {
  DELIVERY_WORKFLOW,
  DeliveryWorkflow,
  type PersistedDelivery,
} from './delivery-workflow.js';

function run(...events: DeliveryEventType[]): PersistedDelivery {
  let snapshot = DELIVERY_WORKFLOW.initial();
  for (const type of events) {
    const result = DELIVERY_WORKFLOW.apply(1, snapshot, { type });
    if (!result.ok) throw new Error(`${type} refused in ${JSON.stringify(snapshot.value)}`);
    snapshot = result.next;
  }
  return snapshot;
}

describe('delivery workflow v1', () => {
  it('is sound: every state reachable, every event accepted somewhere', () => {
    expect(DELIVERY_WORKFLOW.validate()).toEqual([]);
  });

  it('walks sent → received → acknowledged → forwarded → done → closed', () => {
    const s = run(
      'RECEIVE',
      'ACKNOWLEDGE',
      'INSTRUCT',
      'FORWARD',
      'FORWARD',
      'REPORT_DONE',
      'CLOSE',
    );
    expect(s.value).toEqual({ progress: 'closed', timeliness: 'on_time' });
    expect(s.context).toMatchObject({ acknowledgements: 1, instructions: 1, forwards: 2 });
  });

  it('refuses illegal moves and names the states that allow them', () => {
    const sent = DELIVERY_WORKFLOW.initial();
    expect(DELIVERY_WORKFLOW.apply(1, sent, { type: 'ACKNOWLEDGE' })).toEqual({
      ok: false,
      allowedIn: ['received', 'acknowledged', 'forwarded', 'done'],
    });
    const recalled = run('RECEIVE', 'RECALL');
    expect(DELIVERY_WORKFLOW.apply(1, recalled, { type: 'REPORT_DONE' })).toEqual({
      ok: false,
      allowedIn: ['acknowledged', 'forwarded'],
    });
  });

  it('marks lateness only while the action is owed, and escalates level by level', () => {
    const late = run('RECEIVE', 'DEADLINE_MISSED', 'ESCALATE', 'ESCALATE');
    expect(late.value).toEqual({ progress: 'received', timeliness: 'escalated' });
    expect(late.context.escalationLevel).toBe(2);
    const done = run('RECEIVE', 'ACKNOWLEDGE', 'REPORT_DONE');
    expect(DELIVERY_WORKFLOW.apply(1, done, { type: 'DEADLINE_MISSED' }).ok).toBe(false);
    expect(run('DEADLINE_MISSED', 'DEADLINE_EXTENDED').value.timeliness).toBe('on_time');
  });

  it('reports an unknown machine version and an unsound new version', () => {
    expect(() =>
      DELIVERY_WORKFLOW.apply(9, DELIVERY_WORKFLOW.initial(), { type: 'RECEIVE' }),
    ).toThrow(/v9 does not exist/);
    const broken = createMachine({
      id: 'delivery',
      type: 'parallel',
      states: {
        progress: { initial: 'sent', states: { sent: {}, received: {} } },
        timeliness: { initial: 'on_time', states: { on_time: {} } },
      },
    });
    const problems = new DeliveryWorkflow(
      new Map<number, AnyStateMachine>([
        [1, deliveryMachineV1],
        [2, broken],
      ]),
      2,
    ).validate();
    expect(problems).toEqual(
      expect.arrayContaining([
        'delivery machine v2: state progress.acknowledged is missing',
        'delivery machine v2: state progress.received cannot be reached',
        'delivery machine v2: event RECEIVE is accepted nowhere',
      ]),
    );
  });

  it('upgrades running deliveries explicitly, version by version', () => {
    const workflow = new DeliveryWorkflow(
      new Map<number, AnyStateMachine>([
        [1, deliveryMachineV1],
        [2, deliveryMachineV1],
      ]),
      2,
      [
        {
          from: 1,
          to: 2,
          migrate: (s) => ({ ...s, context: { ...s.context, escalationLevel: 0 } }),
        },
      ],
    );
    const upgraded = workflow.upgrade(run('RECEIVE', 'DEADLINE_MISSED', 'ESCALATE'), 1, 2);
    expect(upgraded.context.escalationLevel).toBe(0);
    expect(() => workflow.upgrade(upgraded, 2, 3)).toThrow(
      /no upgrade declared from delivery machine v2/,
    );
  });
});
