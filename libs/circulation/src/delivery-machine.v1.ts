import { assign, or, setup, stateIn } from 'xstate';

/**
 * The events a delivery accepts. The names are a stored contract (history rows, outbox
 * payloads, API): never rename one.
 */
export type DeliveryEvent =
  | { type: 'RECEIVE' }
  | { type: 'ACKNOWLEDGE' }
  | { type: 'INSTRUCT' }
  | { type: 'FORWARD' }
  | { type: 'REPORT_DONE' }
  | { type: 'CLOSE' }
  | { type: 'REOPEN' }
  | { type: 'RECALL' }
  | { type: 'SUPERSEDE' }
  | { type: 'DEADLINE_MISSED' }
  | { type: 'ESCALATE' }
  | { type: 'DEADLINE_EXTENDED' };

export type DeliveryEventType = DeliveryEvent['type'];

export interface DeliveryContext {
  acknowledgements: number;
  instructions: number;
  forwards: number;
  /** How many levels above the supervisor the lateness has been reported. */
  escalationLevel: number;
}

/**
 * Delivery workflow, version 1: one circular at one recipient organisation.
 *
 * Two regions run side by side: `progress` (what the recipient did) and `timeliness` (what the
 * deadline scheduler saw). Time never runs inside the machine (no `after`): the scheduler
 * sends DEADLINE_MISSED and ESCALATE as events.
 */
export const deliveryMachineV1 = setup({
  types: {
    context: {} as DeliveryContext,
    events: {} as DeliveryEvent,
  },
  guards: {
    /** Lateness matters only while the recipient still owes the requested action. */
    stillOwed: or([
      stateIn({ progress: 'sent' }),
      stateIn({ progress: 'received' }),
      stateIn({ progress: 'acknowledged' }),
      stateIn({ progress: 'forwarded' }),
    ]),
  },
}).createMachine({
  id: 'delivery',
  type: 'parallel',
  context: { acknowledgements: 0, instructions: 0, forwards: 0, escalationLevel: 0 },
  states: {
    progress: {
      initial: 'sent',
      states: {
        sent: {
          on: { RECEIVE: 'received', RECALL: 'recalled', SUPERSEDE: 'superseded' },
        },
        received: {
          on: {
            ACKNOWLEDGE: {
              target: 'acknowledged',
              actions: assign({ acknowledgements: ({ context }) => context.acknowledgements + 1 }),
            },
            FORWARD: {
              target: 'forwarded',
              actions: assign({ forwards: ({ context }) => context.forwards + 1 }),
            },
            RECALL: 'recalled',
            SUPERSEDE: 'superseded',
          },
        },
        acknowledged: {
          on: {
            ACKNOWLEDGE: {
              actions: assign({ acknowledgements: ({ context }) => context.acknowledgements + 1 }),
            },
            INSTRUCT: {
              actions: assign({ instructions: ({ context }) => context.instructions + 1 }),
            },
            FORWARD: {
              target: 'forwarded',
              actions: assign({ forwards: ({ context }) => context.forwards + 1 }),
            },
            REPORT_DONE: 'done',
            RECALL: 'recalled',
            SUPERSEDE: 'superseded',
          },
        },
        forwarded: {
          on: {
            ACKNOWLEDGE: {
              actions: assign({ acknowledgements: ({ context }) => context.acknowledgements + 1 }),
            },
            INSTRUCT: {
              actions: assign({ instructions: ({ context }) => context.instructions + 1 }),
            },
            FORWARD: {
              actions: assign({ forwards: ({ context }) => context.forwards + 1 }),
            },
            REPORT_DONE: 'done',
            RECALL: 'recalled',
            SUPERSEDE: 'superseded',
          },
        },
        done: {
          on: {
            ACKNOWLEDGE: {
              actions: assign({ acknowledgements: ({ context }) => context.acknowledgements + 1 }),
            },
            CLOSE: 'closed',
            REOPEN: 'acknowledged',
          },
        },
        closed: { type: 'final' },
        recalled: { type: 'final' },
        superseded: { type: 'final' },
      },
    },
    timeliness: {
      initial: 'on_time',
      states: {
        on_time: {
          on: {
            DEADLINE_MISSED: { target: 'overdue', guard: 'stillOwed' },
          },
        },
        overdue: {
          on: {
            ESCALATE: {
              target: 'escalated',
              guard: 'stillOwed',
              actions: assign({ escalationLevel: ({ context }) => context.escalationLevel + 1 }),
            },
            DEADLINE_EXTENDED: 'on_time',
          },
        },
        escalated: {
          on: {
            ESCALATE: {
              guard: 'stillOwed',
              actions: assign({ escalationLevel: ({ context }) => context.escalationLevel + 1 }),
            },
            DEADLINE_EXTENDED: 'on_time',
          },
        },
      },
    },
  },
});
